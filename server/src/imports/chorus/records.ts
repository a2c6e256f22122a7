/**
 * The contract between the Chorus file readers (`formats/`) and the import job (`job/`):
 * every layout (INF-BUD-53 regional, AIFE national, `nation_ej` comma variant) is read into these
 * normalised records, so the job never sees a layout's quirks. Codes stay strings.
 */

/** What a reader recognised from the content (preamble, header, separator), never the file name. */
export type ChorusLayoutId =
  | 'inf-bud-53-ae' // regional report, commitments (AE)
  | 'inf-bud-53-cp' // regional report, payments (CP)
  | 'aife-ae' // national AIFE export, `;`, quoted, CRLF
  | 'aife-cp'
  | 'nation-ej'; // national comma variant with key + label columns (AE)

export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

export interface DetectedLayout {
  readonly id: ChorusLayoutId;
  /** French name shown to the administrator (« Chorus INF-BUD-53 — engagements (AE) »). */
  readonly label: string;
  readonly kind: 'ae' | 'cp';
  readonly encoding: FileEncoding;
  readonly separator: ',' | ';';
  /** 1-based line number of the header in the file. */
  readonly headerLine: number;
  /**
   * Whether the lines carry their région (national files: « Société » code BRET→53…). A regional
   * report does not: the administrator names the région the report covers.
   */
  readonly carriesRegion: boolean;
}

/** Fields both AE and CP lines share, normalised (prefixes stripped, `#` → null, 4-digit programme). */
interface ChorusLineBase {
  /** 1-based line number in the file, for the report. */
  readonly line: number;
  readonly programme: string; // '0103'
  readonly domaineFonctionnel: string | null; // '0103-01-01'
  readonly centreCouts: string | null; // 'DREETS0035' (BG00/ stripped)
  readonly referentielProgrammation: string | null; // '010300000108'
  /** Supplier's Chorus code ('1001465507'). */
  readonly fournisseur: string | null;
  readonly fournisseurLabel: string | null;
  /** 14 digits, left-padded; null when absent or not a SIRET. */
  readonly siret: string | null;
  readonly compteGeneral: string | null; // '6522800000' (PCE/ stripped)
  readonly groupeMarchandise: string | null;
  readonly localisationInterministerielle: string | null; // 'N53', 'S198063'
  /** INSEE région code from the « Société » column (national layouts), else null. */
  readonly region: string | null;
}

export interface ChorusAeLine extends ChorusLineBase {
  readonly kind: 'ae';
  readonly ej: string;
  readonly posteEj: number;
  /** ISO `YYYY-MM-DD` (replication date of the EJ). */
  readonly dateEngagement: string;
  /** Amount in cents (integer), signed. */
  readonly montantCents: number;
}

export interface ChorusCpLine extends ChorusLineBase {
  readonly kind: 'cp';
  /** Null when the payment has no commitment (« SANS AE », `#`). */
  readonly ej: string | null;
  readonly posteEj: number | null;
  readonly dp: string; // payment request number
  /** ISO `YYYY-MM-DD`: date de base de la DP. */
  readonly datePaiement: string;
  /** Exercice comptable when the file gives it, else the year of `datePaiement`. */
  readonly annee: number;
  readonly montantCents: number;
}

export type ChorusLine = ChorusAeLine | ChorusCpLine;

/** One thing wrong with one line, as listed in the report CSV (French `reason`). */
export interface LineProblem {
  readonly line: number;
  /** Column header as in the file (« Programme », « Montant engagé (EUR) »). */
  readonly column: string;
  readonly value: string;
  readonly reason: string;
}

export type ReadItem =
  | { readonly kind: 'line'; readonly value: ChorusLine }
  | { readonly kind: 'problem'; readonly value: LineProblem };

/**
 * A file refused as a whole before anything is written (empty, PDF, XLSX, unknown layout,
 * missing column, unsupported encoding, truncated, malformed). `message` is French and names the
 * problem. Most are found on the first bytes (`readChorusFile` rejects); a few only further on
 * (`items` throws: a truncated last line, an encoding that changes mid-file, binary content, an
 * unclosed quote): the job must then discard what it read.
 */
export class ImportRefusedError extends Error {
  constructor(
    message: string,
    readonly code:
      | 'EMPTY'
      | 'NOT_TEXT'
      | 'ENCODING'
      | 'UNKNOWN_LAYOUT'
      | 'MISSING_COLUMN'
      | 'TRUNCATED'
      // A record over 1 Mio without a line break (an unclosed quote would swallow the file).
      | 'MALFORMED',
  ) {
    super(message);
    this.name = 'ImportRefusedError';
  }
}

/**
 * Reads a Chorus file as it arrives (streamed: memory does not grow with the file). Detection
 * reads the first bytes only; it throws `ImportRefusedError` when the file is refused whole.
 * `items` then yields lines and per-line problems in file order (a line with several wrong fields
 * yields one problem per field and no line); it too may throw `ImportRefusedError` (see above).
 * Iterate `items` to its end, or stop it early (`break`, `return()`): that releases `source`.
 */
export type ReadChorusFile = (
  source: AsyncIterable<Uint8Array>,
) => Promise<{ readonly layout: DetectedLayout; readonly items: AsyncIterable<ReadItem> }>;
