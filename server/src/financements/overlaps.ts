/**
 * Where two sources describe the same money, and which one the « Montant sans double compte »
 * keeps. Chorus is the State's payment ledger: every State euro a detailed source grants is paid
 * through one of its programmes. So a detailed line counts only when Chorus does not carry that
 * money (the programme absent that year — and in that région when payment is local).
 */
export interface Overlap {
  /** The `recoupement` code of the detailed source's lines that Chorus already counts. */
  readonly code: string;
  readonly label: string;
  /** Source (cross-source `source` code) whose lines are left out when Chorus covers them. */
  readonly source: string;
  /** Chorus programmes that pay this money. */
  readonly programmes: readonly string[];
  /**
   * `region`: paid by the préfectures to the beneficiary, so in the same région's Chorus lines;
   * `national`: paid to a national body (ASP, FONJEP, Bpifrance, ANR…), whose Chorus lines are
   * wherever that body is: the same year anywhere is the same money.
   */
  readonly scope: 'region' | 'national';
}

export const OVERLAPS: readonly Overlap[] = [
  {
    code: 'chorus_0119_0122',
    label: 'Payé par Chorus, programmes 0119 et 0122 (non compté)',
    source: 'dotations',
    programmes: ['0119', '0122'],
    scope: 'region',
  },
  {
    code: 'chorus_0147',
    label: 'Payé par Chorus, programme 0147 (non compté)',
    source: 'politique_ville',
    programmes: ['0147'],
    scope: 'national',
  },
  {
    code: 'chorus_0421_0425',
    label: 'Financé par Chorus, programmes 0421 à 0425 (non compté)',
    source: 'france_2030',
    programmes: ['0421', '0422', '0423', '0424', '0425'],
    scope: 'national',
  },
];

/** Lines that describe money no other source counts. */
export const NO_OVERLAP = { code: 'aucun', label: 'Sans recoupement' } as const;

/** Chorus lines of a programme a detailed source details: Chorus keeps them (the ledger). */
export const CHORUS_DETAILED = {
  code: 'chorus_detaille',
  label: 'Chorus : programme qu’une autre source détaille (compté)',
} as const;

/**
 * Chorus lines paid to an operator whose own grants (SCDL) are in the view the same year: the
 * grants say where the money went, so the transfer to the operator is not counted again.
 */
export const OPERATOR_TRANSFER = {
  code: 'versement_operateur',
  label: 'Chorus : versement à un opérateur dont les aides sont détaillées (non compté)',
} as const;

/** Every `recoupement` code whose lines count in the « Montant sans double compte ». */
export const COUNTED_CODES: readonly string[] = [NO_OVERLAP.code, CHORUS_DETAILED.code];

export const OVERLAP_LABELS: Readonly<Record<string, string>> = Object.fromEntries([
  [NO_OVERLAP.code, NO_OVERLAP.label],
  [CHORUS_DETAILED.code, CHORUS_DETAILED.label],
  [OPERATOR_TRANSFER.code, OPERATOR_TRANSFER.label],
  ...OVERLAPS.map((o) => [o.code, o.label]),
]);

/** Every programme some detailed source details. */
export const OVERLAP_PROGRAMMES: readonly string[] = [...new Set(OVERLAPS.flatMap((o) => o.programmes))];
