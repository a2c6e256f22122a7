/**
 * Regional report INF-BUD-53, payments (CP): as the AE report, with the payment request (DP)
 * columns; the exercice comptable is given once, in the preamble (« Exercice comptable,2023 »).
 * A payment without commitment (« SANS AE ») has `#` as EJ and poste.
 */
import type { CpLayout } from './types.ts';

const FOURNISSEUR = 'Fournisseur payé (DP)';
const CONTRAT = 'Contrat de projet Etat-Region';

export const infBud53Cp: CpLayout = {
  id: 'inf-bud-53-cp',
  label: 'Chorus INF-BUD-53 — paiements (CP)',
  kind: 'cp',
  separator: ',',
  quoting: 'rfc4180',
  carriesRegion: false,
  header: [
    'Programme',
    'Domaine fonctionnel',
    'Centre de coûts',
    'Référentiel de programmation',
    'N° EJ',
    'N° poste EJ',
    'N° DP',
    'Date de base de la DP',
    'Date de dernière opération sur la DP',
    'N° SF',
    'Date comptable du SF',
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
    posteEj: 'N° poste EJ',
    dp: 'N° DP',
    datePaiement: 'Date de base de la DP',
    fournisseur: FOURNISSEUR,
    fournisseurLabel: [FOURNISSEUR, 2],
    siret: 'Code taxe 1',
    compteGeneral: 'Compte général',
    groupeMarchandise: 'Groupe de marchandises',
    localisationInterministerielle: 'Localisation interministérielle',
    montant: 'EUR',
  },
};
