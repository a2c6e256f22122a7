/**
 * Regional report « INF-BUD-53 : Pilotage de la gestion - Vue détaillée », commitments (AE):
 * `,`, 7 preamble lines, `#` for no value, dates `dd.mm.yyyy`, amounts `"22500,12"`, prefixes
 * `BG00/` and `PCE/`. The supplier header comes twice: its code, then its name.
 */
import type { AeLayout } from './types.ts';

const FOURNISSEUR = 'Fournisseur titulaire principal (EJ)';
const CONTRAT = 'Contrat de projet Etat-Region';

export const infBud53Ae: AeLayout = {
  id: 'inf-bud-53-ae',
  label: 'Chorus INF-BUD-53 — engagements (AE)',
  kind: 'ae',
  separator: ',',
  quoting: 'rfc4180',
  carriesRegion: false,
  header: [
    'Programme',
    'Domaine fonctionnel',
    'Centre de coûts',
    'Référentiel de programmation',
    'N° EJ',
    'Date de réplication',
    'N° poste EJ',
    "Date de dernière modif. de l'EJ",
    FOURNISSEUR,
    FOURNISSEUR,
    'Code taxe 1',
    'Compte général',
    'Compte budgétaire',
    'Groupe de marchandises',
    CONTRAT,
    CONTRAT,
    'Localisation interministérielle',
    'EUR',
  ],
  columns: {
    programme: 'Programme',
    domaineFonctionnel: 'Domaine fonctionnel',
    centreCouts: 'Centre de coûts',
    referentielProgrammation: 'Référentiel de programmation',
    ej: 'N° EJ',
    dateEngagement: 'Date de réplication',
    posteEj: 'N° poste EJ',
    fournisseur: FOURNISSEUR,
    fournisseurLabel: [FOURNISSEUR, 2],
    siret: 'Code taxe 1',
    compteGeneral: 'Compte général',
    groupeMarchandise: 'Groupe de marchandises',
    localisationInterministerielle: 'Localisation interministérielle',
    montant: 'EUR',
  },
};
