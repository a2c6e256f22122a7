import type { Catalogue, DatasetDefinition } from '@dataetat/widgets';
import type { ColumnDefinition, SqlParam, WarehouseDialect } from '../warehouse/types.ts';
import { quoteIdentifier } from '../warehouse/types.ts';
import {
  beneficiaryColumn,
  LINE_COLUMNS,
  LINE_DATASET,
  manualKey,
  manualLookup,
  manualOrigin,
  ruleOrigin,
  ruleOriginLabel,
  type Tagging,
  tagLabel,
} from './manual.ts';
import type { TagCondition, TagRule } from './rules.ts';

/**
 * The tag columns of a dataset's lines, computed in the engine from the rules and the manual
 * assignments: `tags` (codes), `tags_label`, `tags_origine` and `tags_origine_label` (one entry
 * per tag, in the same order), all NULL on a line nothing tags. Tags are taken in code order, so
 * a line's list (and a rollup's grouping on it) does not depend on rule ids.
 */

export const TAGS_COLUMN = 'tags';
export const TAGS_LABEL_COLUMN = 'tags_label';
/** Where each tag of `tags` comes from (same order): rule, hand, or both. */
export const TAGS_ORIGIN_COLUMN = 'tags_origine';
export const TAGS_ORIGIN_LABEL_COLUMN = 'tags_origine_label';

export const TAG_COLUMNS: readonly ColumnDefinition[] = [
  { name: TAGS_COLUMN, type: 'text_list' },
  { name: TAGS_LABEL_COLUMN, type: 'text_list' },
  { name: TAGS_ORIGIN_COLUMN, type: 'text_list' },
  { name: TAGS_ORIGIN_LABEL_COLUMN, type: 'text_list' },
];

export interface TagSql {
  /** The lines of `source` (a subquery) with the given columns, then the tag columns. */
  select(source: string): string;
  readonly params: SqlParam[];
}

/** Bind parameters of generated SQL, numbered `$n` after `offset`. */
export class Params {
  readonly values: SqlParam[] = [];
  constructor(private readonly offset: number) {}
  add(value: SqlParam): string {
    this.values.push(value);
    return `$${this.offset + this.values.length}`;
  }
}

function conditionSql(
  dataset: DatasetDefinition,
  condition: TagCondition,
  alias: string,
  dialect: WarehouseDialect,
  params: Params,
): string {
  const dimension = dataset.dimensions.find((d) => d.id === condition.field);
  // Validated on save (rules.ts); a rule outliving a catalogue change tags nothing here.
  if (!dimension) return 'FALSE';
  const column = `${quoteIdentifier(alias)}.${quoteIdentifier(dimension.column)}`;
  const text = (value: string) =>
    dialect === 'postgres' ? `${params.add(value)}::text` : `CAST(${params.add(value)} AS VARCHAR)`;
  switch (condition.op) {
    case 'in':
      return `${column} IN (${condition.values.map(text).join(', ')})`;
    case 'starts_with':
      return `(${condition.values.map((v) => `starts_with(${column}, ${text(v)})`).join(' OR ')})`;
    case 'between': {
      // Byte order on both engines (PostgreSQL's database collation may be a locale's).
      const collate = dialect === 'postgres' ? ' COLLATE "C"' : '';
      const [low, high] = condition.values as [string, string];
      return `${column}${collate} BETWEEN ${text(low)} AND ${text(high)}`;
    }
  }
}

/** Whether a rule's target on `dataset` holds for the line read through `alias`. */
export function ruleMatchSql(
  dataset: DatasetDefinition,
  rule: TagRule,
  alias: string,
  dialect: WarehouseDialect,
  params: Params,
): string | null {
  const target = rule.targets.find((t) => t.dataset === dataset.id);
  if (!target) return null;
  if (target.conditions.length === 0) return 'TRUE';
  return target.conditions.map((c) => `(${conditionSql(dataset, c, alias, dialect, params)})`).join(' AND ');
}

function listSql(items: readonly string[], dialect: WarehouseDialect): string {
  if (items.length === 0) return dialect === 'postgres' ? 'CAST(NULL AS text[])' : 'CAST(NULL AS VARCHAR[])';
  return dialect === 'postgres'
    ? `NULLIF(array_remove(ARRAY[${items.join(', ')}]::text[], NULL), '{}'::text[])`
    : `NULLIF(list_filter([${items.join(', ')}], x -> x IS NOT NULL), CAST([] AS VARCHAR[]))`;
}

export function sortedRules(rules: readonly TagRule[]): TagRule[] {
  return [...rules].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.id - b.id));
}

/** Where one tag of a line may come from: its rule, and the batches that give it by hand. */
interface TagSources {
  readonly code: string;
  rule: { readonly flag: string; readonly origin: string; readonly label: string } | null;
  readonly manual: { readonly flag: string; readonly origin: string; readonly label: string }[];
}

/**
 * The lines of a dataset with their tag columns, computed in the engine from the rules and the
 * manual assignments: `tags` (codes, in code order), `tags_label`, and — one entry per tag, in
 * the same order — `tags_origine` (`regle:<code>`, `manuel:<batch>`, joined by `+` when several
 * give the same tag) and `tags_origine_label`. A tag given by a rule and by hand appears once.
 * The assignments are lookup tables (VALUES lists, one row per line, SIRET or SIREN, joined to
 * the lines: a join never multiplies one); every value, code and label is a bind parameter,
 * numbered after `offset`; identifiers come from the catalogue.
 */
export function taggedLinesSql(
  dataset: DatasetDefinition,
  tagging: Tagging,
  columns: readonly string[],
  dialect: WarehouseDialect,
  offset = 0,
): TagSql {
  const params = new Params(offset);
  const text = (value: string) =>
    dialect === 'postgres' ? `${params.add(value)}::text` : `CAST(${params.add(value)} AS VARCHAR)`;
  const integer = (value: number) =>
    dialect === 'postgres' ? `${params.add(value)}::integer` : `CAST(${params.add(value)} AS INTEGER)`;
  const split = (value: string) =>
    dialect === 'postgres' ? `string_to_array(${text(value)}, ',')` : `string_split(${text(value)}, ',')`;
  const contains = (list: string, value: string) =>
    dialect === 'postgres' ? `${text(value)} = ANY(${list})` : `list_contains(${list}, ${text(value)})`;
  const q = quoteIdentifier;
  const flags: string[] = [];
  const byCode = new Map<string, TagSources>();
  const sourcesOf = (code: string) => {
    const found = byCode.get(code) ?? { code, rule: null, manual: [] };
    byCode.set(code, found);
    return found;
  };

  sortedRules(tagging.rules).forEach((rule) => {
    const match = ruleMatchSql(dataset, rule, 's', dialect, params);
    if (match === null) return;
    const flag = `__regle_${flags.length}`;
    flags.push(`(${match}) AS ${q(flag)}`);
    sourcesOf(rule.code).rule = { flag, origin: ruleOrigin(rule.code), label: ruleOriginLabel(rule) };
  });

  const lookup = manualLookup(tagging.assignments);
  const benefColumn = beneficiaryColumn(dataset);
  const byLine = dataset.id === LINE_DATASET && lookup.lines.length > 0;
  const joins: string[] = [];
  const lists: string[] = [];
  if (byLine) {
    const rows = lookup.lines.map((l) => `(${text(l.ej)}, ${integer(l.poste)}, ${split(l.keys)})`);
    joins.push(
      `LEFT JOIN (VALUES ${rows.join(', ')}) AS "__ej"("ej", "poste", "k") ON "__ej"."ej" = s.${q(LINE_COLUMNS.ej)} AND "__ej"."poste" = s.${q(LINE_COLUMNS.poste)}`,
    );
    lists.push('"__ej"."k"');
  }
  if (benefColumn) {
    const b = `s.${q(benefColumn)}`;
    const lookups = [
      { alias: '__siret', rows: lookup.sirets, on: b },
      {
        alias: '__siren',
        rows: lookup.sirens,
        on: `CASE WHEN length(${b}) = 14 THEN substr(${b}, 1, 9) ELSE ${b} END`,
      },
    ];
    for (const { alias, rows, on } of lookups) {
      if (rows.length === 0) continue;
      const values = rows.map((r) => `(${text(r.identifier)}, ${split(r.keys)})`);
      joins.push(
        `LEFT JOIN (VALUES ${values.join(', ')}) AS ${q(alias)}("id", "k") ON ${q(alias)}."id" = ${on}`,
      );
      lists.push(`${q(alias)}."k"`);
    }
  }
  const batchLabels = new Map(tagging.batches.map((b) => [b.id, b.label]));
  for (const key of lookup.keys) {
    const k = manualKey(key);
    const reaches =
      (byLine && lookup.keysOfLines.has(k)) || (benefColumn !== null && lookup.keysOfBeneficiaries.has(k));
    if (!reaches || lists.length === 0) continue;
    const flag = `__manuel_${flags.length}`;
    flags.push(`(${lists.map((list) => contains(list, k)).join(' OR ')}) AS ${q(flag)}`);
    sourcesOf(key.tag).manual.push({
      flag,
      origin: manualOrigin(key.batch),
      label: batchLabels.get(key.batch) ?? `Affectation manuelle n° ${key.batch}`,
    });
  }

  const codes: string[] = [];
  const labels: string[] = [];
  const origins: string[] = [];
  const originLabels: string[] = [];
  const sorted = [...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const tag of sorted) {
    const all = [...(tag.rule ? [tag.rule] : []), ...tag.manual];
    const any = all.map((s) => `w.${q(s.flag)}`).join(' OR ');
    codes.push(`CASE WHEN ${any} THEN ${text(tag.code)} END`);
    labels.push(`CASE WHEN ${any} THEN ${text(tagLabel(tag.code, tagging.rules))} END`);
    const each = (part: 'origin' | 'label') =>
      all.map((s) => `CASE WHEN w.${q(s.flag)} THEN ${text(s[part])} END`).join(', ');
    origins.push(`CASE WHEN ${any} THEN concat_ws('+', ${each('origin')}) END`);
    originLabels.push(`CASE WHEN ${any} THEN concat_ws(' ; ', ${each('label')}) END`);
  }
  // Lists are built only for the lines some tag reaches (NULL otherwise, as an empty list
  // would be): building four lists for every line was 2–3 CPU seconds of a million-line import.
  const tagged = sorted.flatMap((tag) => [...(tag.rule ? [tag.rule] : []), ...tag.manual]);
  const anyTag = tagged.map((source) => `w.${q(source.flag)}`).join(' OR ');
  const onlyTagged = (list: string) => (tagged.length === 0 ? list : `CASE WHEN ${anyTag} THEN ${list} END`);
  const tagLists = [
    `${onlyTagged(listSql(codes, dialect))} AS ${q(TAGS_COLUMN)}`,
    `${onlyTagged(listSql(labels, dialect))} AS ${q(TAGS_LABEL_COLUMN)}`,
    `${onlyTagged(listSql(origins, dialect))} AS ${q(TAGS_ORIGIN_COLUMN)}`,
    `${onlyTagged(listSql(originLabels, dialect))} AS ${q(TAGS_ORIGIN_LABEL_COLUMN)}`,
  ].join(', ');
  const names = columns.map((c) => `w.${q(c)}`).join(', ');
  const inner = (source: string) =>
    flags.length === 0
      ? `(${source})`
      : `(SELECT s.*, ${flags.join(', ')} FROM (${source}) s ${joins.join(' ')})`;
  return {
    select: (source) => `SELECT ${names}, ${tagLists} FROM ${inner(source)} w`,
    params: params.values,
  };
}

/** Datasets of the catalogue with a tags dimension (the ones rules can tag). */
export function taggedDatasets(catalogue: Catalogue): DatasetDefinition[] {
  return [...catalogue.values()].filter((d) => d.dimensions.some((x) => x.type === 'tags'));
}
