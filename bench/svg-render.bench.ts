/**
 * SVG picture benchmark (not a timed test): time to draw each widget of the reference dashboards
 * as the `/embed/<token>.svg` picture (`renderWidgetSvg`: ECharts server-side rendering for the
 * charts, hand-built SVG for KPI, text and table), on real query results from the DuckDB seed.
 * Types the reference dashboards lack (area, gauge, sankey, text) are added.
 *
 *   pnpm --filter @dataetat/bench exec tsx svg-render.bench.ts [--lines 20000] [--runs 50]
 *
 * Prints per widget and per type: median / p95 render time (ms, after 5 warm-up renders), the
 * SVG's size raw and gzipped; then the machine and its load average. The query time is not
 * included (see bench:query). Data: bench/.data/duckdb-<lines>, built on the first start.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { loadSettings, openServices, renderWidgetSvg } from '@dataetat/server';
import {
  type DashboardDefinition,
  formatDate,
  type QueryResult,
  shapeQuery,
  type WidgetDefinition,
} from '@dataetat/widgets';
import { describeMachine, loadAverage } from './lib/machine.ts';
import { dataDirOf } from './lib/server.ts';
import { summarise } from './lib/stats.ts';
import { formatNumber, renderTable } from './lib/table.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const lines = arg('lines', 20_000);
const runs = arg('runs', 50);
const WARM_UP = 5;

/** The reference dashboards' widgets (dashboards/*.json), then the chart types they do not use. */
function benchWidgets(): WidgetDefinition[] {
  const dir = path.join(repoRoot, 'dashboards');
  const reference = readdirSync(dir)
    .filter((file) => file.endsWith('.json') && !/^(package|tsconfig.*|biome)\.json$/.test(file))
    .flatMap(
      (file) => (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as DashboardDefinition).widgets,
    );
  return [
    ...reference,
    {
      id: 'aire',
      type: 'area',
      title: 'CP par année et type de bénéficiaire',
      query: {
        dataset: 'chorus_lignes',
        measures: ['montant_cp'],
        dimensions: ['annee', 'type_beneficiaire'],
      },
      options: { mode: 'stacked' },
    },
    {
      id: 'jauge',
      type: 'gauge',
      title: 'Taux de paiement',
      query: { dataset: 'chorus_lignes', measures: ['taux_paiement'] },
      options: { target: 0.8 },
    },
    {
      id: 'flux',
      type: 'sankey',
      title: 'Du dispositif au territoire',
      query: {
        dataset: 'politique_ville_postes',
        measures: ['montant'],
        dimensions: ['dispositif', 'type_beneficiaire', 'region'],
      },
      options: {},
    },
    {
      id: 'texte',
      type: 'text',
      title: 'À propos',
      query: null,
      options: { markdown: '## Méthode\n\nLes montants sont en **euros courants**.\n\n- AE\n- CP' },
    },
  ];
}

const dataDir = dataDirOf({ engine: 'duckdb', lines, dataRoot: path.join(here, '.data') });
console.log(`Ouverture des données (${formatNumber(lines)} lignes Chorus, ${dataDir})…`);
// Only the stores and the query service (no HTTP app): warnings and errors are printed, the rest is quiet.
type Log = Parameters<typeof openServices>[1];
const print = (...args: unknown[]) => console.warn(...args);
const log: Log = {
  level: 'warn',
  fatal: print,
  error: print,
  warn: print,
  info: () => {},
  debug: () => {},
  trace: () => {},
  silent: () => {},
  child: () => log,
} as unknown as Log;
const services = await openServices(
  loadSettings(process.env, {
    dataDir,
    chorusLines: lines,
    warehouse: 'duckdb',
    cache: 'off',
    logLevel: 'warn',
  }),
  log,
);

interface Row {
  readonly widget: WidgetDefinition;
  readonly rows: number;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly samples: number[];
}
const measured: Row[] = [];
try {
  for (const widget of benchWidgets()) {
    if (widget.type === 'map' || widget.type === 'pivot') continue;
    const result: QueryResult | null = widget.query
      ? await services.queries.run(shapeQuery(widget, widget.query), { scope: 'NAT' })
      : null;
    const context = {
      source: result?.meta.source ?? '',
      dataDate: formatDate(result?.meta.updatedAt) ?? null,
    };
    let svg = '';
    for (let i = 0; i < WARM_UP; i++) svg = renderWidgetSvg(widget, result, context);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      renderWidgetSvg(widget, result, context);
      samples.push(performance.now() - started);
    }
    measured.push({
      widget,
      rows: result?.rows.length ?? 0,
      bytes: Buffer.byteLength(svg),
      gzipBytes: gzipSync(svg, { level: 9 }).length,
      samples,
    });
  }
} finally {
  await services.close();
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`\nRendu SVG par widget (${runs} rendus après ${WARM_UP} d'échauffement, 640 × 400 px)\n`);
console.log(
  renderTable(
    ['widget', 'type', 'rows', 'median ms', 'p95 ms', 'svg', 'svg gzip'],
    measured.map((m) => {
      const s = summarise(m.samples);
      return [
        m.widget.id,
        m.widget.type,
        String(m.rows),
        formatNumber(s.median),
        formatNumber(s.p95),
        kb(m.bytes),
        kb(m.gzipBytes),
      ];
    }),
  ),
);
const types = [...new Set(measured.map((m) => m.widget.type))];
console.log('\nPar type (tous les rendus de ses widgets)\n');
console.log(
  renderTable(
    ['type', 'widgets', 'renders', 'median ms', 'p95 ms', 'max ms'],
    types.map((type) => {
      const of = measured.filter((m) => m.widget.type === type);
      const s = summarise(of.flatMap((m) => m.samples));
      return [
        type,
        String(of.length),
        String(s.n),
        formatNumber(s.median),
        formatNumber(s.p95),
        formatNumber(s.max),
      ];
    }),
  ),
);
const machine = describeMachine();
console.log(
  `\nMachine : ${machine.cpu}, ${machine.cores} cœurs, ${machine.memoryGb} Go, Node ${machine.node}, ${machine.platform} ; charge ${loadAverage()}`,
);
