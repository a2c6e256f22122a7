import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DataLoad } from '../metadata/schema.ts';

/** What the query service reports (query-service.ts), without knowing of Prometheus. */
export interface QueryObserver {
  /** Time spent in the engine for one executed query (not a cached answer), in ms. */
  engineTime(ms: number, source: 'rollup' | 'lignes'): void;
  /** A cache lookup: a stored answer found (hit) or not. */
  cacheLookup(hit: boolean): void;
}

/** Request and engine latencies: from a cached answer (~1 ms) to a cold 10M-line scan (seconds). */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The process's Prometheus metrics (prom-client), read at `/metrics`: Node's own (CPU, memory,
 * event loop lag, GC) prefixed `dataetat_`, request latency per route, engine time, cache
 * lookups, and each dataset's last load. One registry per app, never prom-client's global one,
 * so two apps in a test process do not mix their figures.
 */
export class Metrics implements QueryObserver {
  readonly registry = new Registry();

  private readonly requests = new Histogram({
    name: 'dataetat_http_request_duration_seconds',
    help: 'Durée des requêtes HTTP, par méthode, route (motif, pas l’URL) et statut.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly engine = new Histogram({
    name: 'dataetat_query_engine_duration_seconds',
    help: 'Temps passé dans le moteur par requête exécutée (hors cache), sur une pré-agrégation ou sur les lignes.',
    labelNames: ['engine', 'source'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  private readonly cache = new Counter({
    name: 'dataetat_query_cache_lookups_total',
    help: 'Recherches dans le cache des résultats ; taux de succès = hit / (hit + miss).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  constructor(
    private readonly engineName: string,
    loads: () => readonly DataLoad[],
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'dataetat_' });
    new Gauge({
      name: 'dataetat_dataset_rows',
      help: 'Lignes de chaque jeu de données à son dernier chargement réussi.',
      labelNames: ['dataset'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const load of loads()) this.set({ dataset: load.dataset }, load.rowsLoaded);
      },
    });
    new Gauge({
      name: 'dataetat_dataset_last_load_timestamp_seconds',
      help: 'Fin du dernier chargement réussi de chaque jeu (horodatage Unix).',
      labelNames: ['dataset'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const load of loads()) {
          if (load.finishedAt) this.set({ dataset: load.dataset }, load.finishedAt.getTime() / 1000);
        }
      },
    });
  }

  request(method: string, route: string, status: number, ms: number): void {
    this.requests.observe({ method, route, status: String(status) }, ms / 1000);
  }

  engineTime(ms: number, source: 'rollup' | 'lignes'): void {
    this.engine.observe({ engine: this.engineName, source }, ms / 1000);
  }

  cacheLookup(hit: boolean): void {
    this.cache.inc({ result: hit ? 'hit' : 'miss' });
  }
}
