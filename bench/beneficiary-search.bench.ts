/**
 * Beneficiary search benchmark (issue 13, not a timed test): the « Bénéficiaires » page's search
 * box over « Financements publics » built from 1 000 000 demo Chorus lines (plus the seed pack's
 * dotations and posts), as the page asks it — `GET /api/datasets/financements_publics/values/
 * beneficiaire?q=…&limit=20` — national (admin: answered from the entity table) and for the
 * Bretagne reader (scope applied on the lines), cache off. Target: ≤ 100 ms.
 *
 *   pnpm --filter @dataetat/bench exec tsx beneficiary-search.bench.ts
 *   BENCH_CHORUS_LINES=1000000 BENCH_SEARCH_RUNS=30 pnpm --filter @dataetat/bench exec tsx beneficiary-search.bench.ts
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_ACCOUNT, type QueryClient, READER_ACCOUNT, signIn } from './lib/http-client.ts';
import { describeMachine, loadAverage } from './lib/machine.ts';
import { startBenchServer } from './lib/server.ts';
import { summarise } from './lib/stats.ts';
import { formatNumber as n, renderTable } from './lib/table.ts';

const env = process.env;
const integer = (name: string, fallback: number) => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1`);
  return value;
};
const lines = integer('BENCH_CHORUS_LINES', 1_000_000);
const runs = integer('BENCH_SEARCH_RUNS', 20);
const TARGET_MS = 100;
const dataRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '.data');

/** What an agent types: a name part, a SIREN prefix (digits), a word with an accent dropped. */
const QUERIES = ['commune', 'assoc', 'mairie', 'renn', 'quimper', '2135', 'societe'];

async function search(client: QueryClient, q: string): Promise<{ ms: number; found: number }> {
  const started = performance.now();
  const response = await fetch(
    `${client.baseUrl}/api/datasets/financements_publics/values/beneficiaire?q=${encodeURIComponent(q)}&limit=20`,
    { headers: client.headers },
  );
  const body = (await response.json()) as { values: unknown[] };
  const ms = performance.now() - started;
  if (!response.ok) throw new Error(`recherche « ${q} » → ${response.status} ${JSON.stringify(body)}`);
  return { ms, found: body.values.length };
}

const startedLoad = performance.now();
const server = await startBenchServer({ engine: 'duckdb', lines, dataRoot, cache: false, rollups: true });
await server.services.seeded;
const startMs = performance.now() - startedLoad;
const { rows } = await server.services.warehouse.query('SELECT count(*) FROM financements_publics');
const tableLines = Number(rows[0]?.[0]);

const table: string[][] = [];
for (const [who, account] of [
  ['national (admin)', ADMIN_ACCOUNT],
  ['Bretagne (lecteur)', READER_ACCOUNT],
] as const) {
  const client = await signIn(server.url, account);
  for (const q of QUERIES) await search(client, q); // warm-up: first reads of the files
  const samples: number[] = [];
  let found = 0;
  for (let i = 0; i < runs; i++) {
    for (const q of QUERIES) {
      const answer = await search(client, q);
      samples.push(answer.ms);
      found += answer.found;
    }
  }
  const s = summarise(samples);
  table.push([
    who,
    n(s.n),
    n(s.median),
    n(s.p95),
    n(s.max),
    n(found / samples.length),
    s.p95 <= TARGET_MS ? 'atteint' : 'manqué',
  ]);
}
await server.close();

console.log(
  `\nRecherche de bénéficiaires — financements_publics, ${n(tableLines)} lignes (${n(lines)} lignes Chorus de démonstration), DuckDB, cache désactivé`,
);
console.log(
  `Machine : ${JSON.stringify(describeMachine())} ; charge (1/5/15 min) : ${loadAverage()} ; démarrage et chargement ${n(startMs / 1000)} s`,
);
console.log(
  renderTable(
    [
      'qui',
      'requêtes',
      'médiane ms',
      'p95 ms',
      'max ms',
      'résultats / requête',
      `cible p95 ≤ ${TARGET_MS} ms`,
    ],
    table,
  ),
);
