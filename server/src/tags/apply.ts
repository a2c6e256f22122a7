import { withChorusLock } from '../chorus/composition.ts';
import { quoteIdentifier, type Warehouse } from '../warehouse/types.ts';
import type { TagRule } from './rules.ts';
import { TAGS_COLUMN } from './sql.ts';
import { TAGGED_TABLES } from './tables.ts';
import { selfRebuild, withTags } from './tagged.ts';

export interface AppliedDataset {
  readonly dataset: string;
  readonly lines: number;
  /** Lines carrying at least one tag after the application. */
  readonly tagged: number;
}

/**
 * Recomputes the tags of every tagged dataset present in the warehouse from `rules`: each table
 * re-read from itself (its lines unchanged) with its new tag columns, rollups rebuilt from it,
 * all swapped in one transaction — readers see every old table or every new one. Chorus
 * recompositions (imports, seed) wait their turn: both replace `chorus_lignes`.
 */
export async function applyTagRules(
  warehouse: Warehouse,
  rules: readonly TagRule[],
): Promise<AppliedDataset[]> {
  return withChorusLock(warehouse, async () => {
    const present = [];
    for (const tagged of TAGGED_TABLES) {
      if (await warehouse.tableExists(tagged.table.name)) present.push(tagged);
    }
    const counts = await warehouse.rebuildTables(
      present.map((t) => withTags(selfRebuild(t.table), t.dataset, rules, warehouse.dialect)),
    );
    const applied: AppliedDataset[] = [];
    for (const t of present) {
      const { rows } = await warehouse.query(
        `SELECT count(*) FROM ${quoteIdentifier(t.table.name)} WHERE ${quoteIdentifier(TAGS_COLUMN)} IS NOT NULL`,
      );
      applied.push({
        dataset: t.dataset.id,
        lines: counts[t.table.name] ?? 0,
        tagged: Number(rows[0]?.[0] ?? 0),
      });
    }
    return applied;
  });
}

/**
 * Whether every present tagged table holds its tags as lists (a warehouse written before tags
 * were lists, or a grant table given empty tag columns, needs an application).
 */
export async function tagsUpToDate(warehouse: Warehouse): Promise<boolean> {
  for (const t of TAGGED_TABLES) {
    if (!(await warehouse.tableExists(t.table.name))) continue;
    const { rows } = await warehouse.query(
      `SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND column_name = $2`,
      [t.table.name, TAGS_COLUMN],
    );
    const type = String(rows[0]?.[0] ?? '');
    if (!/\[\]|ARRAY/i.test(type)) return false;
  }
  return true;
}
