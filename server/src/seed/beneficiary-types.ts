/** The beneficiary types every dataset shares (DESIGN §4), with their French labels. */
export const BENEFICIARY_TYPE_LABELS = {
  entreprise: 'Entreprise',
  association: 'Association',
  collectivite: 'Collectivité',
  etat: 'État',
  autre: 'Autre',
} as const;

export type BeneficiaryType = keyof typeof BENEFICIARY_TYPE_LABELS;

/**
 * Public-law legal persons get a SIREN starting with 1 (State services, national public
 * bodies, EPLE) or 2 (local authorities and their public bodies); others start with 3–9.
 */
export function publicTypeFromSiren(siren: string): BeneficiaryType | null {
  if (siren.startsWith('1')) return 'etat';
  if (siren.startsWith('2')) return 'collectivite';
  return null;
}
