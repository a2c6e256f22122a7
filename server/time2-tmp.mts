import path from 'node:path';
import { tempDir } from './src/testing/harness.ts';
import { DuckDbWarehouse } from './src/warehouse/duckdb.ts';
import { PostgresWarehouse } from './src/warehouse/postgres.ts';
import type { TableDefinition } from './src/warehouse/types.ts';
const N = 1_000_000;
const table: TableDefinition = { name: 'bench_lines', columns: [
  { name: 'id', type: 'text' }, { name: 'annee', type: 'integer' }, { name: 'programme', type: 'text' }, { name: 'commune', type: 'text' },
  { name: 'departement', type: 'text' }, { name: 'region', type: 'text' }, { name: 'siret', type: 'text' }, { name: 'beneficiaire', type: 'text' },
  { name: 'montant_ae', type: 'amount' }, { name: 'montant_cp', type: 'amount' }, { name: 'date_engagement', type: 'date' }, { name: 'n', type: 'bigint' },
  { name: 'x', type: 'double' }, { name: 'ok', type: 'boolean' } ] };
const rows = Array.from({ length: N }, (_, i) => [`EJ${i}`, 2019 + (i % 6), `0${100 + (i % 300)}`, String(10000 + (i % 35000)), String(i % 95), String(i % 18), String(10_000_000_000_000 + i), `Commune de Saint-Étienne ${i % 1000}`, Math.round(i * 13.37) / 100, Math.round(i * 7.1) / 100, `202${i % 5}-0${1 + (i % 9)}-1${i % 9}`, i, i / 7, i % 2 === 0]);
const dir = tempDir();
for (const w of [await DuckDbWarehouse.open({ path: path.join(dir.path, 'w.duckdb') }), await PostgresWarehouse.open({ url: 'postgres://postgres@127.0.0.1:5432/test', schema: 'time_tmp2' })]) {
  for (let k = 0; k < 2; k++) {
    const t = performance.now(); await w.replaceTable(table, rows);
    console.log(w.dialect, 'replaceTable 1M x 14 cols', Math.round(performance.now() - t), 'ms');
  }
  const t = performance.now();
  console.log((await w.query('SELECT annee, sum(montant_ae), count(DISTINCT siret) FROM bench_lines GROUP BY 1 ORDER BY 1')).rows.length, Math.round(performance.now() - t), 'ms query');
  if (w.dialect === 'postgres') await w.query('DROP SCHEMA time_tmp2 CASCADE');
  await w.close();
}
dir.remove();
