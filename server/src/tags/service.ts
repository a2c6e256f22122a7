import { createHash } from 'node:crypto';
import type { Catalogue, DatasetDefinition, MeasureDefinition } from '@dataetat/widgets';
import { AppError } from '../errors.ts';
import type { DataLoadRepository } from '../metadata/data-loads.ts';
import type { DataVersions } from '../query/data-versions.ts';
import { quoteIdentifier, type Warehouse } from '../warehouse/types.ts';
import { type AppliedDataset, applyTagRules } from './apply.ts';
import type { TagAssignmentRepository } from './assignments.ts';
import type { Tagging } from './manual.ts';
import type { StoredTagRule, TagRuleRepository } from './repository.ts';
import { ruleProblems, type TagRuleInput } from './rules.ts';
import { Params, ruleMatchSql } from './sql.ts';
import { TAGGED_TABLES } from './tables.ts';

export interface PreviewAmount {
  readonly measure: string;
  readonly label: string;
  readonly value: number;
}

/** What a rule would tag in one dataset, before it is saved or applied. */
export interface PreviewDataset {
  readonly dataset: string;
  readonly title: string;
  readonly lines: number;
  readonly totalLines: number;
  /** The dataset's euro sums over the lines the rule tags. */
  readonly amounts: readonly PreviewAmount[];
}

/** The euro sums of a dataset (what previews total). */
export function euroColumns(dataset: DatasetDefinition): { measure: MeasureDefinition; column: string }[] {
  return dataset.measures.flatMap((m) =>
    m.format === 'eur' && m.aggregate.kind === 'sum' ? [{ measure: m, column: m.aggregate.column }] : [],
  );
}

/** A preview from one row `(all lines, tagged lines, euro sums…)` of `dataset`. */
export function previewOfRow(
  dataset: DatasetDefinition,
  euros: readonly { measure: MeasureDefinition }[],
  row: readonly unknown[],
): PreviewDataset {
  return {
    dataset: dataset.id,
    title: dataset.title,
    totalLines: Number(row[0] ?? 0),
    lines: Number(row[1] ?? 0),
    amounts: euros.map((e, i) => ({
      measure: e.measure.id,
      label: e.measure.label,
      value: Number(row[2 + i] ?? 0),
    })),
  };
}

export interface Application {
  readonly datasets: readonly AppliedDataset[];
  readonly ms: number;
}

/**
 * Tagging rules: validated against the catalogue, previewed on the data, saved, applied with the
 * manual assignments (every tagged dataset recomputed at once, its data version moved on).
 */
export class TagService {
  constructor(
    private readonly options: {
      readonly rules: TagRuleRepository;
      readonly assignments: TagAssignmentRepository;
      readonly warehouse: Warehouse;
      readonly catalogue: Catalogue;
      readonly loads: DataLoadRepository;
      readonly versions: DataVersions;
      readonly timeoutMs: number;
      /** What follows the tagged datasets (financements_publics copies their tags). */
      readonly afterApply?: () => Promise<unknown>;
    },
  ) {}

  list(): Promise<StoredTagRule[]> {
    return this.options.rules.list();
  }

  /**
   * What the rules in force say (codes, labels, targets) and which manual assignments are saved
   * (a batch never changes, it is only deleted): the version an application names.
   */
  static fingerprint(rules: readonly StoredTagRule[], batches: readonly number[]): string {
    return createHash('sha256')
      .update(JSON.stringify(rules.map(({ code, label, targets }) => ({ code, label, targets }))))
      .update(JSON.stringify(batches))
      .digest('hex');
  }

  /** The version of what is saved now. */
  async version(): Promise<string> {
    return TagService.fingerprint(await this.options.rules.list(), await this.options.assignments.ids());
  }

  /** The rules and manual assignments in force: what every tagged table's writer applies. */
  async tagging(): Promise<Tagging> {
    return { rules: await this.options.rules.list(), ...(await this.options.assignments.inForce()) };
  }

  /** Refuses a rule the catalogue cannot apply, naming the first problem and its place. */
  check(rule: TagRuleInput): void {
    const [problem] = ruleProblems(rule, this.options.catalogue, (id) =>
      TAGGED_TABLES.some((t) => t.dataset.id === id),
    );
    if (problem) throw new AppError('TAG_RULE_INVALID', { reason: problem.message, path: problem.path });
  }

  async create(rule: TagRuleInput, actorId: number | null): Promise<StoredTagRule> {
    this.check(rule);
    if (await this.options.rules.byCode(rule.code)) throw new AppError('TAG_CODE_TAKEN', { code: rule.code });
    return this.options.rules.create(rule, actorId);
  }

  async update(id: number, rule: TagRuleInput, actorId: number | null): Promise<StoredTagRule> {
    this.check(rule);
    const other = await this.options.rules.byCode(rule.code);
    if (other && other.id !== id) throw new AppError('TAG_CODE_TAKEN', { code: rule.code });
    const updated = await this.options.rules.update(id, rule, actorId);
    if (!updated) throw new AppError('TAG_RULE_NOT_FOUND', { id });
    return updated;
  }

  async delete(id: number): Promise<StoredTagRule> {
    const existing = await this.options.rules.byId(id);
    if (!existing || !(await this.options.rules.delete(id))) throw new AppError('TAG_RULE_NOT_FOUND', { id });
    return existing;
  }

  /** Lines and euros the rule tags in each dataset it targets (datasets not loaded: skipped). */
  async preview(rule: TagRuleInput): Promise<PreviewDataset[]> {
    this.check(rule);
    const { warehouse, catalogue, timeoutMs } = this.options;
    const result: PreviewDataset[] = [];
    for (const target of rule.targets) {
      const dataset = catalogue.get(target.dataset);
      if (!dataset || !(await warehouse.tableExists(dataset.table))) continue;
      const euros = euroColumns(dataset);
      // Each use of the condition binds its values anew: the parameters follow the SQL text.
      const bound = new Params(0);
      const match = () => ruleMatchSql(dataset, { ...rule, id: 0 }, 't', warehouse.dialect, bound) ?? 'FALSE';
      const uses = [`SUM(CASE WHEN ${match()} THEN 1 ELSE 0 END)`];
      for (const e of euros) uses.push(`SUM(CASE WHEN ${match()} THEN ${quoteIdentifier(e.column)} END)`);
      const { rows } = await warehouse.query(
        `SELECT count(*), ${uses.join(', ')} FROM ${quoteIdentifier(dataset.table)} t`,
        bound.values,
        { timeoutMs },
      );
      result.push(previewOfRow(dataset, euros, rows[0] ?? []));
    }
    return result;
  }

  /**
   * Recomputes every tagged dataset with the rules in force; each dataset's version moves on.
   * `expected` is the fingerprint of the rules and assignments the administrator saw: another's change since
   * (or a stale page) is refused rather than applied unseen.
   */
  async apply(expected: string): Promise<Application> {
    const { rules, assignments, warehouse, loads, versions } = this.options;
    const started = new Date();
    const t0 = performance.now();
    const current = await rules.list();
    const tagging: Tagging = { rules: current, ...(await assignments.inForce()) };
    const fingerprint = TagService.fingerprint(
      current,
      tagging.batches.map((b) => b.id),
    );
    if (fingerprint !== expected) throw new AppError('TAG_RULES_CHANGED');
    const datasets = await applyTagRules(warehouse, tagging);
    const ms = Math.round(performance.now() - t0);
    for (const d of datasets) {
      await loads.recordTagging({
        dataset: d.dataset,
        fingerprint,
        engine: warehouse.dialect,
        rowsLoaded: d.lines,
        report: {
          etiquettes: true,
          lignesEtiquetees: d.tagged,
          lignesEtiqueteesALaMain: d.byHand,
          regles: tagging.rules.length,
          affectationsManuelles: tagging.batches.length,
          ms,
        },
        startedAt: started,
      });
    }
    await this.options.afterApply?.();
    await versions.refresh();
    return { datasets, ms };
  }
}
