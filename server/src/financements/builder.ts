import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { financementsPublics } from '../catalogue/datasets/financements-publics.ts';
import type { DataLoadRepository } from '../metadata/data-loads.ts';
import type { Warehouse } from '../warehouse/types.ts';
import { CROSS_SOURCES } from './sources.ts';
import { FINANCEMENTS, FINANCEMENTS_INPUT_TABLES, FINANCEMENTS_TABLE } from './table.ts';

/**
 * Bump when the table's SELECT or its pre-aggregations change, so the next start rebuilds it
 * (2: the (région, bénéficiaire) rollup; 3: the quartier prioritaire of Chorus lines).
 */
const BUILD_VERSION = 3;

/** The table and what is built with it (rollups, entity table): all must be there. */
const BUILT_TABLES: readonly string[] = [
  FINANCEMENTS_TABLE,
  ...(FINANCEMENTS.derived ?? []).map((d) => d.name),
];

/** Datasets whose loads the table is built from (a new load of one → a rebuild). */
const INPUT_DATASETS: readonly string[] = [...CROSS_SOURCES.map((s) => s.dataset.id), 'reference_cog'];

async function allExist(warehouse: Warehouse, tables: readonly string[]): Promise<boolean> {
  for (const table of tables) if (!(await warehouse.tableExists(table))) return false;
  return true;
}

export type BuildOutcome = 'rebuilt' | 'up-to-date' | 'waiting';

/**
 * Keeps `financements_publics` built from the current loads of its sources: after the seed load
 * and after every import, `ensureCurrent` compares the sources' load ids with those of its last
 * build and rebuilds when one moved (one transaction with its entity table), recording a load of
 * its own so the data version — and every cache keyed on it — moves on. Calls are serialised.
 */
export class FinancementsBuilder {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      readonly warehouse: Warehouse;
      readonly loads: DataLoadRepository;
      readonly log: FastifyBaseLogger;
    },
  ) {}

  ensureCurrent(): Promise<BuildOutcome> {
    const run = this.queue.then(() => this.build());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async build(): Promise<BuildOutcome> {
    const { warehouse, loads, log } = this.deps;
    for (const table of FINANCEMENTS_INPUT_TABLES) {
      // A source still loading (the first start's Chorus): built once it is there.
      if (!(await warehouse.tableExists(table))) return 'waiting';
    }
    const latest = new Map((await loads.latestPerDataset()).map((l) => [l.dataset, l.id]));
    const inputs = Object.fromEntries(INPUT_DATASETS.map((d) => [d, latest.get(d) ?? null]));
    const fingerprint = createHash('sha256')
      .update(`${BUILD_VERSION}|${JSON.stringify(inputs)}`)
      .digest('hex');
    const last = await loads.lastSuccess(financementsPublics.id);
    if (last?.fingerprint === fingerprint && (await allExist(warehouse, BUILT_TABLES))) return 'up-to-date';
    const started = performance.now();
    const id = await loads.start({
      dataset: financementsPublics.id,
      source: `Recomposition des sources : ${CROSS_SOURCES.map((s) => s.label).join(', ')}`,
      fingerprint,
      engine: warehouse.dialect,
    });
    try {
      const counts = await warehouse.rebuildTables([FINANCEMENTS]);
      const { rows } = await warehouse.query(
        `SELECT source, count(*), sum(montant), sum(montant_compte), count(*) - count(region) FROM ${FINANCEMENTS_TABLE} GROUP BY source ORDER BY source`,
      );
      const sources = rows.map(([source, lines, amount, counted, unplaced]) => ({
        source: String(source),
        lines: Number(lines),
        amount: Number(amount ?? 0),
        counted: Number(counted ?? 0),
        unplaced: Number(unplaced),
      }));
      const rowsLoaded = counts[FINANCEMENTS_TABLE] ?? 0;
      await loads.succeed(id, {
        rowsLoaded,
        rowsUnplaced: sources.reduce((n, s) => n + s.unplaced, 0),
        rowsRejected: 0,
        report: { inputs, sources },
      });
      log.info(
        { dataset: financementsPublics.id, rows: rowsLoaded, ms: Math.round(performance.now() - started) },
        `${financementsPublics.id} : recomposé, ${rowsLoaded.toLocaleString('fr-FR')} lignes`,
      );
      return 'rebuilt';
    } catch (error) {
      await loads.fail(id, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }
}
