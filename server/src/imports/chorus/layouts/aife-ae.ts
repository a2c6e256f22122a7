/**
 * National AIFE export, commitments (AE): `;`, every field quoted (quotes inside a field are
 * not always doubled), CRLF, dates `dd/mm/yyyy`, amounts `12615940,52`, programme `0354`; the
 * région comes from « Société - Clé ».
 */
import type { AeLayout } from './types.ts';

export const aifeAe: AeLayout = {
  id: 'aife-ae',
  label: 'Chorus AIFE national — engagements (AE)',
  kind: 'ae',
  separator: ';',
  quoting: 'all-quoted',
  carriesRegion: true,
  header: [
    'Centre financier - Programme (Clé)',
    'Domaine fonctionnel - Clé',
    'Centre de coûts - Clé (non composée)',
    'Référentiel de programmation - Clé (non composée)',
    'N° EJ',
    'N° EJ - Date de réplication (Clé)',
    'N° poste EJ',
    "Date de dernière modif. de l'EJ",
    'Fournisseur titulaire principal (EJ) - Clé',
    'Fournisseur titulaire principal (EJ)',
    'Fournisseur titulaire principal (EJ) - Code taxe 1 (Clé)',
    'Compte général - Clé (non composée)',
    'Compte budgétaire - Clé (non composée)',
    'Groupe de marchandises - Clé',
    'Contrat de projet Etat-Region - Clé',
    'Localisation interministérielle - Clé',
    'Montant engagé (EUR)',
    'Centre financier - Clé (non composée)',
    'Tranche fonctionnelle - Clé (non composée)',
    'Axe ministériel 1',
    'Fonds - Clé (non composée)',
    'Projet analytique ministériel - Clé',
    'Axe ministériel 2',
    'Société - Clé',
  ],
  columns: {
    programme: 'Centre financier - Programme (Clé)',
    domaineFonctionnel: 'Domaine fonctionnel - Clé',
    centreCouts: 'Centre de coûts - Clé (non composée)',
    referentielProgrammation: 'Référentiel de programmation - Clé (non composée)',
    ej: 'N° EJ',
    dateEngagement: 'N° EJ - Date de réplication (Clé)',
    posteEj: 'N° poste EJ',
    fournisseur: 'Fournisseur titulaire principal (EJ) - Clé',
    fournisseurLabel: 'Fournisseur titulaire principal (EJ)',
    siret: 'Fournisseur titulaire principal (EJ) - Code taxe 1 (Clé)',
    compteGeneral: 'Compte général - Clé (non composée)',
    groupeMarchandise: 'Groupe de marchandises - Clé',
    localisationInterministerielle: 'Localisation interministérielle - Clé',
    montant: 'Montant engagé (EUR)',
    societe: 'Société - Clé',
  },
};
