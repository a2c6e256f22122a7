import path from 'node:path';
import type { Settings } from '../config.ts';
import { DuckDbWarehouse } from './duckdb.ts';
import { PostgresWarehouse } from './postgres.ts';
import type { Warehouse } from './types.ts';

export type WarehouseSettings = Pick<
  Settings,
  | 'dataDir'
  | 'warehouse'
  | 'warehouseDatabaseUrl'
  | 'warehouseSchema'
  | 'warehouseConcurrency'
  | 'duckdbMemoryMb'
>;

/** Opens the engine the settings name: the DuckDB file in the data dir, or a PostgreSQL server. */
export async function openWarehouse(settings: WarehouseSettings): Promise<Warehouse> {
  if (settings.warehouse === 'postgres') {
    if (!settings.warehouseDatabaseUrl) {
      throw new Error('WAREHOUSE_DATABASE_URL est requis quand DATAETAT_WAREHOUSE=postgres.');
    }
    return PostgresWarehouse.open({
      url: settings.warehouseDatabaseUrl,
      schema: settings.warehouseSchema,
      concurrency: settings.warehouseConcurrency,
    });
  }
  return DuckDbWarehouse.open({
    path: path.join(settings.dataDir, 'warehouse.duckdb'),
    concurrency: settings.warehouseConcurrency,
    ...(settings.duckdbMemoryMb && { memoryMb: settings.duckdbMemoryMb }),
  });
}
