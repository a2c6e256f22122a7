import type { Catalogue } from '@dataetat/widgets';
import { AppError } from '../errors.ts';
import { quoteIdentifier, type SqlParam, type Warehouse } from '../warehouse/types.ts';
import type { StoredBatch, TagAssignmentRepository } from './assignments.ts';
import { type AssignmentProblem, describeProblem, type ParsedLine, parseAssignmentCsv } from './csv.ts';
import {
  BENEFICIARY_RE,
  beneficiaryColumn,
  LINE_COLUMNS,
  LINE_DATASET,
  MAX_MANUAL_BENEFICIARIES,
  MAX_MANUAL_LINES,
  tagLabel,
} from './manual.ts';
import type { TagRuleRepository } from './repository.ts';
import { euroColumns, type PreviewAmount, type PreviewDataset, previewOfRow } from './service.ts';
import { TAGGED_TABLES } from './tables.ts';

/** Problems and unknown lines given in an answer (all are counted). */
const PROBLEMS_SHOWN = 100;
const UNMATCHED_SHOWN = 20;

/** What a file's tags would reach, per tag. */
export interface FileTag {
  readonly code: string;
  readonly label: string;
  /** No rule poses it: a code only hands give (check the spelling). */
  readonly isNew: boolean;
  /** Lines of the file giving it, and of those the ones found in the data. */
  readonly lines: number;
  readonly matched: number;
  readonly amounts: readonly PreviewAmount[];
}

/** A CSV read, checked and matched against the data; nothing saved. */
export interface FileAnalysis {
  readonly fileName: string;
  readonly linesRead: number;
  readonly linesValid: number;
  /** Lines of the file whose EJ and poste are in the data now. */
  readonly matched: number;
  /** Lines of the data they are (one per EJ and poste). */
  readonly dataLines: number;
  readonly amounts: readonly PreviewAmount[];
  readonly tags: readonly FileTag[];
  readonly unmatched: readonly { readonly line: number; readonly ej: string; readonly poste: number }[];
  readonly unmatchedTotal: number;
  readonly problems: readonly AssignmentProblem[];
  readonly problemsTotal: number;
}

/** What a beneficiary's tags would reach. */
export interface BeneficiaryAnalysis {
  readonly identifier: string;
  readonly kind: 'siret' | 'siren';
  readonly tags: readonly { readonly code: string; readonly label: string; readonly isNew: boolean }[];
  readonly datasets: readonly PreviewDataset[];
  /** Lines of all datasets together. */
  readonly matched: number;
}

export interface Actor {
  readonly id: number | null;
  readonly email: string;
}

/**
 * The lines of the data each (EJ, poste) names, and their euro sums: `found` maps
 * `ej\u0000poste` to them (absent: no such line now). Datasets not loaded: nothing found.
 */
export async function matchChorusLines(
  warehouse: Warehouse,
  catalogue: Catalogue,
  lines: readonly { readonly ej: string; readonly poste: number }[],
  timeoutMs?: number,
) {
  const dataset = catalogue.get(LINE_DATASET);
  const found = new Map<string, { count: number; sums: number[] }>();
  const euros = dataset ? euroColumns(dataset) : [];
  if (!dataset || lines.length === 0 || !(await warehouse.tableExists(dataset.table)))
    return { euros, found };
  const keys = new Map<string, { ej: string; poste: number }>();
  for (const l of lines) keys.set(`${l.ej}\u0000${l.poste}`, { ej: l.ej, poste: l.poste });
  const params: SqlParam[] = [];
  const add = (value: SqlParam) => {
    params.push(value);
    return `$${params.length}`;
  };
  const pg = warehouse.dialect === 'postgres';
  const rows = [...keys.values()].map((k) =>
    pg
      ? `(${add(k.ej)}::text, ${add(k.poste)}::integer)`
      : `(CAST(${add(k.ej)} AS VARCHAR), CAST(${add(k.poste)} AS INTEGER))`,
  );
  const q = quoteIdentifier;
  const { rows: result } = await warehouse.query(
    `SELECT f.ej, f.poste, count(c.${q(LINE_COLUMNS.ej)})${euros.map((e) => `, SUM(c.${q(e.column)})`).join('')}
     FROM (VALUES ${rows.join(', ')}) AS f(ej, poste)
     LEFT JOIN ${q(dataset.table)} c ON c.${q(LINE_COLUMNS.ej)} = f.ej AND c.${q(LINE_COLUMNS.poste)} = f.poste
     GROUP BY f.ej, f.poste`,
    params,
    timeoutMs === undefined ? {} : { timeoutMs },
  );
  for (const row of result) {
    const count = Number(row[2] ?? 0);
    if (count > 0)
      found.set(`${row[0]}\u0000${row[1]}`, { count, sums: euros.map((_, i) => Number(row[3 + i] ?? 0)) });
  }
  return { euros, found };
}

/**
 * Lines and euros a SIRET (its lines) or a SIREN (its establishments' lines, or lines naming
 * the SIREN itself) has in each loaded dataset that names its beneficiaries — as the
 * application joins them (tags/sql.ts).
 */
export async function beneficiaryLines(
  warehouse: Warehouse,
  identifier: string,
  timeoutMs?: number,
): Promise<PreviewDataset[]> {
  const datasets: PreviewDataset[] = [];
  for (const { dataset } of TAGGED_TABLES) {
    const column = beneficiaryColumn(dataset);
    if (!column || !(await warehouse.tableExists(dataset.table))) continue;
    const b = `t.${quoteIdentifier(column)}`;
    const key =
      identifier.length === 9 ? `CASE WHEN length(${b}) = 14 THEN substr(${b}, 1, 9) ELSE ${b} END` : b;
    const euros = euroColumns(dataset);
    const { rows } = await warehouse.query(
      `SELECT (SELECT count(*) FROM ${quoteIdentifier(dataset.table)}), count(*)${euros.map((e) => `, SUM(t.${quoteIdentifier(e.column)})`).join('')}
       FROM ${quoteIdentifier(dataset.table)} t WHERE ${key} = $1`,
      [identifier],
      timeoutMs === undefined ? {} : { timeoutMs },
    );
    datasets.push(previewOfRow(dataset, euros, rows[0] ?? []));
  }
  return datasets;
}

/**
 * Manual tag assignments (« Administration › Politiques publiques »): a CSV of Chorus lines or one
 * beneficiary, read and matched against the data (preview), saved whole or not at all, listed,
 * deleted. Saving changes no data: applying (TagService.apply) merges them with the rules.
 */
export class TagAssignmentService {
  constructor(
    private readonly options: {
      readonly assignments: TagAssignmentRepository;
      readonly rules: TagRuleRepository;
      readonly warehouse: Warehouse;
      readonly catalogue: Catalogue;
      readonly timeoutMs: number;
    },
  ) {}

  list(): Promise<StoredBatch[]> {
    return this.options.assignments.list();
  }

  private async tagInfo(codes: Iterable<string>) {
    const rules = await this.options.rules.list();
    return [...new Set(codes)].sort().map((code) => ({
      code,
      label: tagLabel(code, rules),
      isNew: !rules.some((r) => r.code === code),
    }));
  }

  /** Reads, checks and matches a CSV `n_ej;n_poste_ej;tags`; saves nothing. */
  async analyseFile(
    fileName: string,
    content: string,
  ): Promise<FileAnalysis & { parsed: readonly ParsedLine[] }> {
    const parsed = parseAssignmentCsv(content);
    const { warehouse, catalogue, timeoutMs } = this.options;
    const { euros, found } = await matchChorusLines(
      warehouse,
      catalogue,
      parsed.problems.length === 0 ? parsed.lines : [],
      timeoutMs,
    );
    const keyOf = (l: ParsedLine) => `${l.ej}\u0000${l.poste}`;
    const amounts = (lines: readonly ParsedLine[]): PreviewAmount[] => {
      // Each line of the data once, even when the file names it twice.
      const seen = new Set<string>();
      const totals = euros.map(() => 0);
      for (const l of lines) {
        const hit = found.get(keyOf(l));
        if (!hit || seen.has(keyOf(l))) continue;
        seen.add(keyOf(l));
        hit.sums.forEach((v, i) => {
          totals[i] = (totals[i] ?? 0) + v;
        });
      }
      return euros.map((e, i) => ({ measure: e.measure.id, label: e.measure.label, value: totals[i] ?? 0 }));
    };
    const matchedLines = parsed.lines.filter((l) => found.has(keyOf(l)));
    const unmatched = parsed.lines.filter((l) => !found.has(keyOf(l)));
    const dataKeys = new Set(matchedLines.map(keyOf));
    const info = await this.tagInfo(parsed.lines.flatMap((l) => l.tags));
    return {
      fileName,
      linesRead: parsed.linesRead,
      linesValid: parsed.lines.length,
      matched: matchedLines.length,
      dataLines: [...dataKeys].reduce((sum, k) => sum + (found.get(k)?.count ?? 0), 0),
      amounts: amounts(parsed.lines),
      tags: info.map((t) => {
        const giving = parsed.lines.filter((l) => l.tags.includes(t.code));
        return {
          ...t,
          lines: giving.length,
          matched: giving.filter((l) => found.has(keyOf(l))).length,
          amounts: amounts(giving),
        };
      }),
      unmatched: unmatched.slice(0, UNMATCHED_SHOWN).map(({ line, ej, poste }) => ({ line, ej, poste })),
      unmatchedTotal: unmatched.length,
      problems: parsed.problems.slice(0, PROBLEMS_SHOWN),
      problemsTotal: parsed.problems.length,
      parsed: parsed.lines,
    };
  }

  /** Saves a file's assignments, all or none: any bad line refuses the file. */
  async saveFile(
    fileName: string,
    content: string,
    actor: Actor,
  ): Promise<{ batch: StoredBatch; analysis: FileAnalysis }> {
    const { parsed, ...analysis } = await this.analyseFile(fileName, content);
    if (analysis.problemsTotal > 0) {
      const first = analysis.problems[0] as AssignmentProblem;
      throw new AppError(
        'TAG_ASSIGNMENTS_INVALID',
        {
          count: analysis.problemsTotal,
          lines: analysis.problemsTotal > 1 ? 'lignes en erreur' : 'ligne en erreur',
          first: describeProblem(first),
        },
        { problems: analysis.problems, problemsTotal: analysis.problemsTotal },
      );
    }
    const existing = await this.options.assignments.targets();
    for (const l of parsed) existing.lines.add(`${l.ej}\u0000${l.poste}`);
    if (existing.lines.size > MAX_MANUAL_LINES)
      throw new AppError('TAG_ASSIGNMENTS_TOO_MANY', {
        what: 'lignes Chorus',
        count: existing.lines.size,
        max: MAX_MANUAL_LINES,
      });
    const batch = await this.options.assignments.create({
      kind: 'fichier',
      fileName,
      beneficiary: null,
      authorId: actor.id,
      authorEmail: actor.email,
      report: {
        lines: analysis.linesValid,
        matched: analysis.matched,
        newTags: analysis.tags.filter((t) => t.isNew).map((t) => t.code),
      },
      assignments: parsed.flatMap((l) =>
        l.tags.map((tag) => ({
          line: l.line,
          tag,
          target: { kind: 'ligne' as const, ej: l.ej, poste: l.poste },
        })),
      ),
    });
    return { batch, analysis };
  }

  /** Lines and euros a SIRET or SIREN has in each dataset that names its beneficiaries. */
  async analyseBeneficiary(identifier: string, tags: readonly string[]): Promise<BeneficiaryAnalysis> {
    if (!BENEFICIARY_RE.test(identifier))
      throw new AppError('TAG_BENEFICIARY_INVALID', { value: identifier });
    const datasets = await beneficiaryLines(this.options.warehouse, identifier, this.options.timeoutMs);
    return {
      identifier,
      kind: identifier.length === 9 ? 'siren' : 'siret',
      tags: await this.tagInfo(tags),
      datasets,
      matched: datasets.reduce((sum, d) => sum + d.lines, 0),
    };
  }

  async saveBeneficiary(
    identifier: string,
    tags: readonly string[],
    actor: Actor,
  ): Promise<{ batch: StoredBatch; analysis: BeneficiaryAnalysis }> {
    const analysis = await this.analyseBeneficiary(identifier, tags);
    const existing = await this.options.assignments.targets();
    existing.beneficiaries.add(identifier);
    if (existing.beneficiaries.size > MAX_MANUAL_BENEFICIARIES)
      throw new AppError('TAG_ASSIGNMENTS_TOO_MANY', {
        what: 'bénéficiaires',
        count: existing.beneficiaries.size,
        max: MAX_MANUAL_BENEFICIARIES,
      });
    const batch = await this.options.assignments.create({
      kind: 'beneficiaire',
      fileName: null,
      beneficiary: identifier,
      authorId: actor.id,
      authorEmail: actor.email,
      report: {
        lines: 1,
        matched: analysis.matched,
        newTags: analysis.tags.filter((t) => t.isNew).map((t) => t.code),
      },
      assignments: analysis.tags.map((t) => ({
        line: null,
        tag: t.code,
        target: { kind: 'beneficiaire' as const, identifier },
      })),
    });
    return { batch, analysis };
  }

  async delete(id: number): Promise<StoredBatch> {
    const existing = await this.options.assignments.byId(id);
    if (!existing || !(await this.options.assignments.delete(id)))
      throw new AppError('TAG_ASSIGNMENT_NOT_FOUND', { id });
    return existing;
  }
}
