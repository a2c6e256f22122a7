import { withChorusLock } from '../chorus/composition.ts';
import { quoteIdentifier, type Warehouse } from '../warehouse/types.ts';
import type { Tagging } from './manual.ts';
import { TAGS_COLUMN, TAGS_ORIGIN_COLUMN } from './sql.ts';
import { TAGGED_TABLES } from './tables.ts';
import { selfRebuild, withTags } from './tagged.ts';

export interface AppliedDataset {
  readonly dataset: string;
  readonly lines: number;
  /** Lines carrying at least one tag after the application. */
  readonly tagged: number;
  /** Of which lines carrying at least one tag given by hand. */
  readonly byHand: number;
}

/**
 * Recomputes the tags of every tagged dataset present in the warehouse from the rules and manual
 * assignments of `tagging`: each table
 * re-read from itself (its lines unchanged) with its new tag columns, rollups rebuilt from it,
 * all swapped in one transaction — readers see every old table or every new one. Chorus
 * recompositions (imports, seed) wait their turn: both replace `chorus_lignes`.
 */
export async function applyTagRules(warehouse: Warehouse, tagging: Tagging): Promise<AppliedDataset[]> {
  return withChorusLock(warehouse, async () => {
    const present = [];
    for (const tagged of TAGGED_TABLES) {
      if (await warehouse.tableExists(tagged.table.name)) present.push(tagged);
    }
    const counts = await warehouse.rebuildTables(
      present.map((t) => withTags(selfRebuild(t.table), t.dataset, tagging, warehouse.dialect)),
    );
    const applied: AppliedDataset[] = [];
    const origin = quoteIdentifier(TAGS_ORIGIN_COLUMN);
    // A provenance entry names `manuel:<batch>` when a hand gave the tag (alone or with its rule).
    const byHand =
      warehouse.dialect === 'postgres'
        ? `EXISTS (SELECT 1 FROM unnest(${origin}) AS o(x) WHERE x LIKE '%manuel:%')`
        : `len(list_filter(${origin}, x -> x LIKE '%manuel:%')) > 0`;
    for (const t of present) {
      const { rows } = await warehouse.query(
        `SELECT count(*), COALESCE(SUM(CASE WHEN ${byHand} THEN 1 ELSE 0 END), 0) FROM ${quoteIdentifier(t.table.name)} WHERE ${quoteIdentifier(TAGS_COLUMN)} IS NOT NULL`,
      );
      applied.push({
        dataset: t.dataset.id,
        lines: counts[t.table.name] ?? 0,
        tagged: Number(rows[0]?.[0] ?? 0),
        byHand: Number(rows[0]?.[1] ?? 0),
      });
    }
    return applied;
  });
}

/**
 * Whether every present tagged table holds its tags as lists with their provenance (a warehouse
 * written before tags were lists or had a provenance, or a grant table given empty tag columns,
 * needs an application).
 */
export async function tagsUpToDate(warehouse: Warehouse): Promise<boolean> {
  for (const t of TAGGED_TABLES) {
    if (!(await warehouse.tableExists(t.table.name))) continue;
    for (const column of [TAGS_COLUMN, TAGS_ORIGIN_COLUMN]) {
      const { rows } = await warehouse.query(
        `SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2`,
        [t.table.name, column],
      );
      const type = String(rows[0]?.[0] ?? '');
      if (!/\[\]|ARRAY/i.test(type)) return false;
    }
  }
  return true;
}
