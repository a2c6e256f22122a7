/**
 * The contract between the reference file readers (read-workbook.ts, read-localisations.ts,
 * read-qpv-lieu-action.ts) and the import job: four referentials, each recognised from its
 * content (XLSX sheets and headers, CSV header), never from the file name, each replacing one
 * warehouse table whole (chorus/referentials.ts). Codes stay strings.
 */
import type { FileEncoding, LineProblem } from '../chorus/records.ts';

export type ReferenceLayoutId =
  | 'calculette-chorus'
  | 'centres-couts'
  | 'localisations-interministerielles'
  | 'qpv-lieu-action';

/** What a Calculette sheet holds: the `kind` of its rows in `ref_chorus_libelles`. */
export type CalculetteKind =
  | 'ministere'
  | 'programme'
  | 'domaine_fonctionnel'
  | 'centre_couts'
  | 'groupe_marchandise';

/** French names of what a reference file holds, per kind of entry (counts, preview). */
export const REFERENCE_CONTENT_LABELS = {
  ministere: 'Ministères',
  programme: 'Programmes',
  domaine_fonctionnel: 'Domaines fonctionnels',
  centre_couts: 'Centres de coûts',
  groupe_marchandise: 'Groupes de marchandises',
  centre_couts_lieu: 'Centres de coûts (code postal et ville)',
  localisation: 'Localisations interministérielles',
  qpv_lieu: 'Parts d’EJ dans un quartier prioritaire',
  qpv_hors: 'Parts d’EJ hors quartier prioritaire (« NR »)',
} as const;
export type ReferenceContent = keyof typeof REFERENCE_CONTENT_LABELS;

export interface DetectedReferenceLayout {
  readonly id: ReferenceLayoutId;
  /** French name shown to the administrator. */
  readonly label: string;
  /** The referential the job replaces (its `dataset`, the table it swaps in). */
  readonly dataset: ReferenceDataset;
  /** Text files only (the localisations CSV); a workbook has none. */
  readonly encoding: FileEncoding | null;
}

/** One entry of a referential: a row of its table, and what the preview shows of it. */
export interface ReferenceEntry {
  /** Row number in its sheet, or line number in the file (1-based), for the report. */
  readonly line: number;
  readonly content: ReferenceContent;
  readonly code: string;
  readonly label: string | null;
  /** What else the entry says, in words (ministère of a programme, postcode and town…). */
  readonly detail: string | null;
  /** The row as the referential's table holds it, `import_id` apart (chorus/referentials.ts). */
  readonly row: readonly (string | number | null)[];
}

export type ReferenceItem =
  | { readonly kind: 'line'; readonly value: ReferenceEntry }
  | { readonly kind: 'problem'; readonly value: LineProblem };

/** Job `dataset` of each referential. */
export const REFERENCE_DATASETS = {
  'calculette-chorus': 'referentiel_calculette',
  'centres-couts': 'referentiel_centres_couts',
  'localisations-interministerielles': 'referentiel_localisations',
  'qpv-lieu-action': 'referentiel_qpv_lieu_action',
} as const satisfies Record<ReferenceLayoutId, string>;
export type ReferenceDataset = (typeof REFERENCE_DATASETS)[ReferenceLayoutId];

/**
 * Referentials `chorus_lignes` is composed with (its labels, its quartiers): importing one
 * recomposes it in the same swap, and its data version moves too.
 */
export const RECOMPOSES_CHORUS: ReadonlySet<ReferenceDataset> = new Set([
  REFERENCE_DATASETS['calculette-chorus'],
  REFERENCE_DATASETS['qpv-lieu-action'],
]);

export const isReferenceDataset = (dataset: string): dataset is ReferenceDataset =>
  Object.values(REFERENCE_DATASETS).includes(dataset as ReferenceDataset);
