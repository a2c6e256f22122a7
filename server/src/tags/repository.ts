import { asc, eq } from 'drizzle-orm';
import { type TagRuleRow, tagRuleSeeds, tagRules } from '../metadata/schema.ts';
import type { MetadataDb } from '../metadata/store.ts';
import type { TagRule, TagRuleInput } from './rules.ts';

/** Version of the built-in rules (rules.ts `seedRules`): raise it to write new ones once. */
export const SEED_RULES_VERSION = 1;

export type StoredTagRule = TagRule & {
  readonly updatedBy: number | null;
  readonly updatedAt: Date;
};

const toRule = (row: TagRuleRow): StoredTagRule => ({
  id: row.id,
  code: row.code,
  label: row.label,
  description: row.description,
  targets: row.targets,
  updatedBy: row.updatedBy,
  updatedAt: row.updatedAt,
});

/** Repository over `tag_rules`. Callers validate (rules.ts); this only reads and writes rows. */
export class TagRuleRepository {
  constructor(private readonly db: MetadataDb) {}

  async list(): Promise<StoredTagRule[]> {
    return (await this.db.select().from(tagRules).orderBy(asc(tagRules.code))).map(toRule);
  }

  async byId(id: number): Promise<StoredTagRule | undefined> {
    const rows = await this.db.select().from(tagRules).where(eq(tagRules.id, id));
    return rows[0] && toRule(rows[0]);
  }

  async byCode(code: string): Promise<StoredTagRule | undefined> {
    const rows = await this.db.select().from(tagRules).where(eq(tagRules.code, code));
    return rows[0] && toRule(rows[0]);
  }

  async create(rule: TagRuleInput, actorId: number | null): Promise<StoredTagRule> {
    const rows = await this.db
      .insert(tagRules)
      .values({ ...rule, targets: [...rule.targets], updatedBy: actorId })
      .returning();
    const row = rows[0];
    if (!row) throw new Error('tag_rules insert returned no row');
    return toRule(row);
  }

  async update(id: number, rule: TagRuleInput, actorId: number | null): Promise<StoredTagRule | undefined> {
    const rows = await this.db
      .update(tagRules)
      .set({ ...rule, targets: [...rule.targets], updatedBy: actorId, updatedAt: new Date() })
      .where(eq(tagRules.id, id))
      .returning();
    return rows[0] && toRule(rows[0]);
  }

  async delete(id: number): Promise<boolean> {
    const rows = await this.db.delete(tagRules).where(eq(tagRules.id, id)).returning({ id: tagRules.id });
    return rows.length > 0;
  }

  /**
   * Writes the built-in rules the first time this version is met (in one transaction with its
   * mark): a rule an administrator deleted or changed since stays as they left it.
   */
  async seedOnce(rules: readonly TagRuleInput[]): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const marked = await tx
        .insert(tagRuleSeeds)
        .values({ version: SEED_RULES_VERSION })
        .onConflictDoNothing()
        .returning({ version: tagRuleSeeds.version });
      if (marked.length === 0) return false;
      for (const rule of rules) {
        await tx
          .insert(tagRules)
          .values({ ...rule, targets: [...rule.targets] })
          .onConflictDoNothing();
      }
      return true;
    });
  }
}
