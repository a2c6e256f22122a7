import { rmSync } from 'node:fs';
import { DuckDbWarehouse } from '../../warehouse/duckdb.ts';
import { GeoReference } from '../geo-reference.ts';
import { chorusLoader } from './loader.ts';

const lines = Number(process.argv[2]);
const file = `/tmp/chorus-bench/w-${lines}.duckdb`;
rmSync(file, { force: true });
const warehouse = await DuckDbWarehouse.open({ path: file });
const t0 = performance.now();
const geo = GeoReference.load();
const t1 = performance.now();
const result = await chorusLoader(lines).load({ seedDir: '/work/shared/data', warehouse, geo });
const t2 = performance.now();
console.log(
  JSON.stringify({
    lines,
    geoMs: Math.round(t1 - t0),
    loadMs: Math.round(t2 - t1),
    result,
    rss: Math.round(process.memoryUsage().rss / 1e6),
  }),
);
const q = await warehouse.query(
  `SELECT count(*), count(DISTINCT beneficiaire), sum(montant_ae)::DOUBLE, sum(montant_cp)::DOUBLE, min(date_engagement)::VARCHAR, max(date_engagement)::VARCHAR, count(DISTINCT programme), count(DISTINCT commune), count(*) FILTER (WHERE montant_cp > montant_ae), count(*) FILTER (WHERE montant_cp = 0), count(DISTINCT ej) FROM chorus_lignes`,
);
console.log(JSON.stringify(q.rows));
console.log(
  JSON.stringify(
    (
      await warehouse.query(
        `SELECT departement, count(*) FROM chorus_lignes WHERE departement IN ('75','13','69','48','59') GROUP BY 1 ORDER BY 2 DESC`,
      )
    ).rows,
  ),
);
console.log(
  JSON.stringify(
    (
      await warehouse.query(
        `SELECT programme, programme_label, count(*) n, sum(montant_ae)::DOUBLE FROM chorus_lignes GROUP BY ALL ORDER BY n DESC LIMIT 8`,
      )
    ).rows,
  ),
);
console.log(
  JSON.stringify(
    (
      await warehouse.query(
        `SELECT tags, annee, count(*) FROM chorus_lignes WHERE tags IS NOT NULL GROUP BY ALL ORDER BY 1,2`,
      )
    ).rows,
  ),
);
console.log(JSON.stringify((await warehouse.query(`SELECT * FROM chorus_lignes LIMIT 3`)).rows));
await warehouse.close();
