import path from 'node:path';
import { GeoReference } from './src/seed/geo-reference.ts';
import { seedLoaders } from './src/services.ts';
import { seedDir, tempDir } from './src/testing/harness.ts';
import { DuckDbWarehouse } from './src/warehouse/duckdb.ts';
import { PostgresWarehouse } from './src/warehouse/postgres.ts';
const lines = Number(process.argv[2] ?? 20000);
const only = process.argv[3];
const dir = tempDir();
const geo = GeoReference.load();
const engines = [];
if (only !== 'postgres') engines.push(await DuckDbWarehouse.open({ path: path.join(dir.path, 'w.duckdb') }));
if (only !== 'duckdb') engines.push(await PostgresWarehouse.open({ url: 'postgres://postgres@127.0.0.1:5432/test', schema: 'time_tmp' }));
for (const w of engines) {
  let total = 0;
  for (const l of seedLoaders({ chorusLines: lines })) {
    const t = performance.now(); const r = await l.load({ seedDir, warehouse: w, geo });
    const ms = performance.now() - t; total += ms;
    console.log(w.dialect.padEnd(8), l.dataset.padEnd(28), String(r.rowsLoaded).padStart(8), Math.round(ms), 'ms');
  }
  console.log(w.dialect, 'TOTAL', Math.round(total), 'ms');
}
for (const w of engines) { if (w.dialect === 'postgres') await w.query('DROP SCHEMA time_tmp CASCADE'); await w.close(); }
dir.remove();
