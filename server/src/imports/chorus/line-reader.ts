/**
 * One CSV row → one normalised record (`ChorusAeLine` / `ChorusCpLine`), or the problems that
 * keep it out, each naming its column, value and reason in French. The same code serves every
 * layout: a layout only says which column holds which field (`layouts/`).
 */
import { normaliseProgrammeCode } from '../../seed/programmes.ts';
import { decodeField, FieldDecoder } from './encoding.ts';
import type { ColumnRef, LayoutDefinition } from './layouts/index.ts';
import type { AeColumns, CpColumns } from './layouts/types.ts';
import {
  isAbsent,
  normaliseSiret,
  parseAmountCents,
  parseCount,
  parseDate,
  stripPrefix,
} from './normalise.ts';
import type {
  ChorusAeLine,
  ChorusCpLine,
  ChorusLine,
  FileEncoding,
  LineProblem,
  ReadItem,
} from './records.ts';
import { KNOWN_SOCIETES, regionOfSociete } from './societes.ts';

/** Header text compared loosely: case, spacing, accents composed, `º`/`˚` for `°`, `’` for `'`. */
export function normaliseHeader(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[º˚]/g, '°')
    .replace(/’/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export const columnName = (ref: ColumnRef): string => (typeof ref === 'string' ? ref : ref[0]);
const occurrenceOf = (ref: ColumnRef): number => (typeof ref === 'string' ? 1 : ref[1]);

/** « Fournisseur payé (DP) » or, for the second column of that name, « Fournisseur payé (DP) (2e) ». */
export function describeColumn(ref: ColumnRef): string {
  const occurrence = occurrenceOf(ref);
  return occurrence === 1 ? columnName(ref) : `${columnName(ref)} (${occurrence}e)`;
}

/** Index of a column in a header row (normalised names), or -1. */
export function findColumn(header: readonly string[], ref: ColumnRef): number {
  const wanted = normaliseHeader(columnName(ref));
  let seen = 0;
  for (let i = 0; i < header.length; i++) {
    if (header[i] === wanted && ++seen === occurrenceOf(ref)) return i;
  }
  return -1;
}

/** What the file says once for all its lines (INF-BUD-53 CP: the exercice of its preamble). */
export interface FileContext {
  readonly exercice: number | null;
}

const WHOLE_LINE = '(ligne entière)';
/** A whole line is quoted in the report up to this length (Chorus lines are 200–400 characters). */
const MAX_QUOTED = 1000;

const missing = (what: string) => `Valeur manquante : ${what} (« # » ou champ vide).`;

/** Every field a layout may read, and its column index (-1: the layout has no such column). */
type Role = keyof AeColumns | keyof CpColumns;
type Indices = Record<Role, number>;

const ROLES: readonly Role[] = [
  'programme',
  'domaineFonctionnel',
  'centreCouts',
  'referentielProgrammation',
  'ej',
  'posteEj',
  'fournisseur',
  'fournisseurLabel',
  'siret',
  'compteGeneral',
  'groupeMarchandise',
  'localisationInterministerielle',
  'montant',
  'societe',
  'dateEngagement',
  'dp',
  'datePaiement',
  'exercice',
];

/**
 * Reads the rows of one file. Per row it allocates the record and nothing else in the common
 * case: codes and numbers are parsed from the raw byte string (they are ASCII; a byte ≥ 0x80
 * makes them invalid anyway), only free-text fields go through `decodeField`.
 */
export class LineReader {
  private readonly at: Indices;
  private readonly headerLength: number;
  private problems: LineProblem[] | null = null;
  private line = 0;
  private fields: string[] = [];
  private readonly decoder: FieldDecoder;

  constructor(
    private readonly layout: LayoutDefinition,
    /** The file's header cells (decoded) as written, for the report. */
    private readonly header: readonly string[],
    private readonly encoding: FileEncoding,
    private readonly context: FileContext,
  ) {
    const normalised = header.map(normaliseHeader);
    const columns = layout.columns as Partial<Record<Role, ColumnRef>>;
    const at = {} as Indices;
    for (const role of ROLES) {
      const ref = columns[role];
      at[role] = ref === undefined ? -1 : findColumn(normalised, ref);
    }
    this.at = at;
    this.headerLength = header.length;
    this.decoder = new FieldDecoder(encoding);
  }

  /** Reads one record into `out`: the line, or its problems (one per wrong field). */
  read(fields: string[] | null, line: number, raw: string, out: ReadItem[]): void {
    if (fields === null) {
      out.push(
        this.wholeLine(
          line,
          raw,
          `Ligne mal formée : dans un export « ${this.layout.label} », chaque champ est entre guillemets et séparé par « ${this.layout.separator} ».`,
        ),
      );
      return;
    }
    if (fields.length !== this.headerLength && !this.onlyEmptyBeyond(fields)) {
      if (!isBlank(fields)) out.push(this.wholeLine(line, raw, this.countReason(fields.length)));
      return;
    }
    if ((fields[this.at.programme] as string).length === 0 && isBlank(fields)) return;
    this.fields = fields;
    this.line = line;
    this.problems = null;
    const value = this.layout.kind === 'ae' ? this.readAe() : this.readCp();
    if (this.problems === null) out.push({ kind: 'line', value: value as ChorusLine });
    else for (const problem of this.problems as LineProblem[]) out.push({ kind: 'problem', value: problem });
  }

  /** A record whose field count differs from the header is not read at all: columns would shift. */
  private countReason(count: number): string {
    const expected = this.headerLength;
    const separator = `« ${this.layout.separator} »`;
    if (this.layout.quoting === 'all-quoted') {
      return `${count} champ(s) au lieu de ${expected} : un champ n'est pas entre guillemets, ou la ligne a un séparateur ${separator} de trop ou de moins.`;
    }
    return count < expected
      ? `${count} champ(s) au lieu de ${expected} : il manque un séparateur ${separator}, ou la ligne a été coupée.`
      : `${count} champs au lieu de ${expected} : un séparateur ${separator} en trop (un libellé contenant ${separator} sans guillemets ?).`;
  }

  /** Spreadsheets sometimes add empty columns at the end of every line: harmless. */
  private onlyEmptyBeyond(fields: string[]): boolean {
    if (fields.length < this.headerLength) return false;
    for (let i = this.headerLength; i < fields.length; i++) {
      if ((fields[i] as string).trim() !== '') return false;
    }
    return true;
  }

  private wholeLine(line: number, raw: string, reason: string): ReadItem {
    const text = decodeField(raw, this.encoding);
    const value = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
    return { kind: 'problem', value: { line, column: WHOLE_LINE, value, reason } };
  }

  /** Records a problem on a field; the value is shown decoded, as the file has it. */
  private problem(index: number, reason: string): void {
    const value = decodeField(this.fields[index] ?? '', this.encoding).trim();
    const problem = { line: this.line, column: this.header[index] ?? '', value, reason };
    if (this.problems) this.problems.push(problem);
    else this.problems = [problem];
  }

  /** Raw field, trimmed: for codes and numbers (ASCII). */
  private raw(index: number): string {
    return index < 0 ? '' : (this.fields[index] as string).trim();
  }

  /** Free text (codes, labels) decoded; null for Chorus' « no value » (`#` or empty); `prefix` stripped. */
  private text(index: number, prefix?: string): string | null {
    if (index < 0) return null;
    const value = this.decoder.decode(this.fields[index] as string).trim();
    if (isAbsent(value)) return null;
    return prefix === undefined ? value : stripPrefix(value, prefix);
  }

  private required(index: number, what: string): string | null {
    const value = this.raw(index);
    if (!isAbsent(value)) return value;
    this.problem(index, missing(what));
    return null;
  }

  private programme(): string {
    const value = this.required(this.at.programme, 'Programme');
    if (value === null) return '';
    const code = normaliseProgrammeCode(value);
    if (code !== null) return code;
    this.problem(this.at.programme, 'Code programme invalide : 1 à 4 chiffres attendus.');
    return '';
  }

  private date(index: number, what: string): string {
    const value = this.required(index, what);
    if (value === null) return '';
    const iso = parseDate(value);
    if (iso !== null) return iso;
    this.problem(index, `${what} invalide : date jj.mm.aaaa ou jj/mm/aaaa attendue (jour existant).`);
    return '';
  }

  private count(index: number, what: string): number {
    const value = this.required(index, what);
    if (value === null) return 0;
    const number = parseCount(value);
    if (number !== null) return number;
    this.problem(index, `${what} invalide : nombre entier positif attendu.`);
    return 0;
  }

  private amount(): number {
    const value = this.required(this.at.montant, 'Montant');
    if (value === null) return 0;
    const cents = parseAmountCents(value);
    if (cents !== null) return cents;
    this.problem(
      this.at.montant,
      'Montant illisible : nombre en euros attendu, au plus deux décimales (ex. 22500,12 ou 12615940.52).',
    );
    return 0;
  }

  private region(): string | null {
    if (this.at.societe < 0) return null;
    const code = this.raw(this.at.societe);
    if (isAbsent(code)) return null;
    const region = regionOfSociete(code);
    if (region !== undefined) return region;
    this.problem(
      this.at.societe,
      `Société « ${code} » inconnue : la ligne ne peut être rattachée à une région (sociétés connues : ${KNOWN_SOCIETES.join(', ')}).`,
    );
    return null;
  }

  private readAe(): ChorusAeLine {
    return {
      kind: 'ae',
      line: this.line,
      programme: this.programme(),
      domaineFonctionnel: this.text(this.at.domaineFonctionnel),
      centreCouts: this.text(this.at.centreCouts, 'BG00/'),
      referentielProgrammation: this.text(this.at.referentielProgrammation, 'BG00/'),
      fournisseur: this.text(this.at.fournisseur),
      fournisseurLabel: this.text(this.at.fournisseurLabel),
      siret: normaliseSiret(this.raw(this.at.siret)),
      compteGeneral: this.text(this.at.compteGeneral, 'PCE/'),
      groupeMarchandise: this.text(this.at.groupeMarchandise),
      localisationInterministerielle: this.text(this.at.localisationInterministerielle),
      region: this.region(),
      ej: this.required(this.at.ej, 'N° EJ') ?? '',
      posteEj: this.count(this.at.posteEj, 'N° de poste EJ'),
      dateEngagement: this.date(this.at.dateEngagement, "Date de réplication de l'EJ"),
      montantCents: this.amount(),
    };
  }

  private readCp(): ChorusCpLine {
    const ej = this.text(this.at.ej);
    let posteEj: number | null = null;
    if (ej !== null) posteEj = this.count(this.at.posteEj, 'N° de poste EJ');
    else if (!isAbsent(this.raw(this.at.posteEj))) {
      this.problem(this.at.posteEj, 'N° de poste EJ renseigné sans N° EJ : les deux vont ensemble.');
    }
    const datePaiement = this.date(this.at.datePaiement, 'Date de base de la DP');
    return {
      kind: 'cp',
      line: this.line,
      programme: this.programme(),
      domaineFonctionnel: this.text(this.at.domaineFonctionnel),
      centreCouts: this.text(this.at.centreCouts, 'BG00/'),
      referentielProgrammation: this.text(this.at.referentielProgrammation, 'BG00/'),
      fournisseur: this.text(this.at.fournisseur),
      fournisseurLabel: this.text(this.at.fournisseurLabel),
      siret: normaliseSiret(this.raw(this.at.siret)),
      compteGeneral: this.text(this.at.compteGeneral, 'PCE/'),
      groupeMarchandise: this.text(this.at.groupeMarchandise),
      localisationInterministerielle: this.text(this.at.localisationInterministerielle),
      region: this.region(),
      ej,
      posteEj,
      dp: this.required(this.at.dp, 'N° de demande de paiement (DP)') ?? '',
      datePaiement,
      annee: this.exercice(datePaiement),
      montantCents: this.amount(),
    };
  }

  /** The line's exercice (AIFE column), else the file's (INF-BUD-53 preamble), else the payment year. */
  private exercice(datePaiement: string): number {
    if (this.at.exercice >= 0) {
      const value = this.raw(this.at.exercice);
      if (!isAbsent(value)) {
        const year = parseCount(value);
        if (year !== null && year >= 1900 && year <= 2199) return year;
        this.problem(this.at.exercice, 'Exercice comptable invalide : année sur 4 chiffres attendue.');
        return 0;
      }
    }
    if (this.context.exercice !== null) return this.context.exercice;
    return datePaiement === '' ? 0 : Number(datePaiement.slice(0, 4));
  }
}

/** A line of separators only (the end of some exports) is no line at all. */
function isBlank(fields: readonly string[]): boolean {
  for (const field of fields) if (field.trim() !== '') return false;
  return true;
}
