import type { DatasetDefinition } from '@dataetat/widgets';
import type { TagRule } from './rules.ts';

/**
 * Tags given by hand, next to the rules': to a Chorus line (EJ and poste) or to a beneficiary
 * (a SIRET — its lines — or a SIREN — the lines of all its establishments — in every dataset that
 * names its beneficiaries). Each assignment belongs to a batch (one uploaded file, one use of the
 * beneficiary form) whose number is the tag's provenance on every line it reaches.
 */

export type ManualTarget =
  | { readonly kind: 'ligne'; readonly ej: string; readonly poste: number }
  | { readonly kind: 'beneficiaire'; readonly identifier: string };

export interface ManualAssignment {
  readonly batch: number;
  readonly tag: string;
  readonly target: ManualTarget;
}

/** A batch as a line's provenance names it. */
export interface ManualBatch {
  readonly id: number;
  /** « Affectation manuelle n° 12 : fichier « x.csv », admin@…, 03/05/2026 ». */
  readonly label: string;
}

/** What a tagged table's writer applies: the rules and the manual assignments in force. */
export interface Tagging {
  readonly rules: readonly TagRule[];
  readonly batches: readonly ManualBatch[];
  readonly assignments: readonly ManualAssignment[];
}

export const rulesOnly = (rules: readonly TagRule[]): Tagging => ({ rules, batches: [], assignments: [] });

/** The dataset whose lines a CSV names by EJ and poste, and those columns. */
export const LINE_DATASET = 'chorus_lignes';
export const LINE_COLUMNS = { ej: 'ej', poste: 'poste_ej' } as const;

/** Lines of a file, Chorus lines tagged by hand in all, beneficiaries tagged by hand in all. */
export const MAX_FILE_LINES = 10_000;
export const MAX_MANUAL_LINES = 10_000;
export const MAX_MANUAL_BENEFICIARIES = 2_000;
/** Tags of one line of a file or of one beneficiary. */
export const MAX_TAGS_PER_TARGET = 10;

/** A SIRET (14 digits) or a SIREN (9 digits). */
export const BENEFICIARY_RE = /^(?:[0-9]{9}|[0-9]{14})$/;

/** The column holding a dataset's beneficiary identifier (SIRET when its source gives one). */
export function beneficiaryColumn(dataset: DatasetDefinition): string | null {
  return dataset.dimensions.find((d) => d.id === 'beneficiaire')?.column ?? null;
}

/** Provenance codes of a tag on a line (`tags_origine`). */
export const ruleOrigin = (code: string) => `regle:${code}`;
export const manualOrigin = (batch: number) => `manuel:${batch}`;
export const ruleOriginLabel = (rule: TagRule) => `Règle « ${rule.label} »`;

/**
 * The label of a tag: its rule's, or — a code only hands give — the code in words
 * (`grand_plan_velo` → « Grand plan velo »).
 */
export function tagLabel(code: string, rules: readonly TagRule[]): string {
  const rule = rules.find((r) => r.code === code);
  if (rule) return rule.label;
  const words = code.replace(/_+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const DATE = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** How a batch reads in a line's provenance and in the list of assignments. */
export function batchLabel(batch: {
  readonly id: number;
  readonly kind: 'fichier' | 'beneficiaire';
  readonly fileName: string | null;
  readonly beneficiary: string | null;
  readonly authorEmail: string;
  readonly createdAt: Date;
}): string {
  const what =
    batch.kind === 'fichier'
      ? `fichier « ${batch.fileName ?? 'sans nom'} »`
      : `${batch.beneficiary?.length === 9 ? 'SIREN' : 'SIRET'} ${batch.beneficiary ?? ''}`;
  return `Affectation manuelle n° ${batch.id} : ${what}, ${batch.authorEmail}, ${DATE.format(batch.createdAt)}`;
}

/** One key of the lookup tables: the tags a Chorus line or a beneficiary has from each batch. */
export interface ManualKey {
  readonly batch: number;
  readonly tag: string;
}
const keyOf = (k: ManualKey) => `${k.batch}:${k.tag}`;

export interface ManualLookup {
  /** (EJ, poste) → its keys, each line once. */
  readonly lines: readonly { readonly ej: string; readonly poste: number; readonly keys: string }[];
  /** SIRET → keys, each once. */
  readonly sirets: readonly { readonly identifier: string; readonly keys: string }[];
  /** SIREN → keys, each once. */
  readonly sirens: readonly { readonly identifier: string; readonly keys: string }[];
  /** Every (batch, tag) key named above, in code then batch order. */
  readonly keys: readonly ManualKey[];
  /** Keys reached by beneficiaries (every dataset) and by lines (the EJ dataset only). */
  readonly keysOfBeneficiaries: ReadonlySet<string>;
  readonly keysOfLines: ReadonlySet<string>;
}

export const manualKey = keyOf;

/**
 * The assignments grouped for the engine: one row per line, SIRET or SIREN (a join never
 * multiplies a line), with the `batch:tag` keys it has, comma-separated (codes never hold a comma).
 */
export function manualLookup(assignments: readonly ManualAssignment[]): ManualLookup {
  const lines = new Map<string, { ej: string; poste: number; keys: Set<string> }>();
  const sirets = new Map<string, Set<string>>();
  const sirens = new Map<string, Set<string>>();
  const keys = new Map<string, ManualKey>();
  const ofBeneficiaries = new Set<string>();
  const ofLines = new Set<string>();
  for (const a of assignments) {
    const key = keyOf(a);
    keys.set(key, { batch: a.batch, tag: a.tag });
    if (a.target.kind === 'ligne') {
      const id = `${a.target.ej}\u0000${a.target.poste}`;
      const line = lines.get(id) ?? { ej: a.target.ej, poste: a.target.poste, keys: new Set<string>() };
      line.keys.add(key);
      lines.set(id, line);
      ofLines.add(key);
    } else {
      const map = a.target.identifier.length === 9 ? sirens : sirets;
      const set = map.get(a.target.identifier) ?? new Set<string>();
      set.add(key);
      map.set(a.target.identifier, set);
      ofBeneficiaries.add(key);
    }
  }
  const joined = (set: Set<string>) => [...set].sort().join(',');
  return {
    lines: [...lines.values()].map((l) => ({ ej: l.ej, poste: l.poste, keys: joined(l.keys) })),
    sirets: [...sirets].map(([identifier, set]) => ({ identifier, keys: joined(set) })),
    sirens: [...sirens].map(([identifier, set]) => ({ identifier, keys: joined(set) })),
    keys: [...keys.values()].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : a.batch - b.batch)),
    keysOfBeneficiaries: ofBeneficiaries,
    keysOfLines: ofLines,
  };
}
