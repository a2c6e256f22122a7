import { createHash } from 'node:crypto';
import type { QueryResult } from '@dataetat/widgets';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';

/** Results of compiled queries, keyed by SQL + params + data version (a data load bumps it). */
export interface ResultCache {
  readonly kind: 'memory' | 'redis' | 'off';
  get(key: string): Promise<QueryResult | undefined>;
  set(key: string, value: QueryResult): Promise<void>;
  close(): Promise<void>;
}

export function cacheKey(parts: {
  engine: string;
  sql: string;
  params: readonly unknown[];
  dataVersion: string;
}): string {
  return createHash('sha256')
    .update(`${parts.engine}\0${parts.dataVersion}\0${parts.sql}\0${JSON.stringify(parts.params)}`)
    .digest('base64url');
}

/** Rows whose JSON length is measured to estimate a result's size. */
const SIZE_SAMPLE_ROWS = 64;

/**
 * Approximate size of a result: the JSON length of evenly spread sample rows, scaled to all of
 * them. Stringifying every row held the event loop for ~100 ms on a 60 000-row result.
 */
export function estimatedRowsSize(rows: readonly unknown[]): number {
  if (rows.length <= SIZE_SAMPLE_ROWS) return Math.max(1, JSON.stringify(rows).length);
  const step = rows.length / SIZE_SAMPLE_ROWS;
  let sampled = 0;
  for (let i = 0; i < SIZE_SAMPLE_ROWS; i++) sampled += JSON.stringify(rows[Math.floor(i * step)]).length + 1;
  return Math.max(1, Math.ceil((sampled / SIZE_SAMPLE_ROWS) * rows.length));
}

export class MemoryResultCache implements ResultCache {
  readonly kind = 'memory';
  private readonly lru: LRUCache<string, QueryResult>;

  constructor(options: { maxBytes: number; ttlMs: number }) {
    this.lru = new LRUCache({
      maxSize: options.maxBytes,
      ttl: options.ttlMs,
      sizeCalculation: (value) => estimatedRowsSize(value.rows),
    });
  }

  async get(key: string) {
    return this.lru.get(key);
  }
  async set(key: string, value: QueryResult) {
    this.lru.set(key, value);
  }
  async close() {
    this.lru.clear();
  }
}

/** Shared cache for several server instances. A Redis failure degrades to "no cache". */
export class RedisResultCache implements ResultCache {
  readonly kind = 'redis';
  private readonly client: Redis;

  constructor(
    url: string,
    private readonly options: { ttlMs: number; prefix?: string; onError?: (error: unknown) => void },
  ) {
    // Commands wait for the connection (a fresh server's first queries) but never long: a slow
    // or absent Redis costs at most `commandTimeout` and the query runs uncached.
    this.client = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 500 });
    this.client.on('error', (error) => options.onError?.(error));
  }

  private key(key: string) {
    return `${this.options.prefix ?? 'dataetat:query:'}${key}`;
  }

  async get(key: string) {
    try {
      const raw = await this.client.get(this.key(key));
      return raw ? (JSON.parse(raw) as QueryResult) : undefined;
    } catch (error) {
      this.options.onError?.(error);
      return undefined;
    }
  }

  async set(key: string, value: QueryResult) {
    try {
      await this.client.set(this.key(key), JSON.stringify(value), 'PX', this.options.ttlMs);
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  async close() {
    this.client.disconnect();
  }
}

export class NoResultCache implements ResultCache {
  readonly kind = 'off';
  async get() {
    return undefined;
  }
  async set() {}
  async close() {}
}

/** The cache the settings ask for; Redis errors are logged and degrade to misses. */
export function createResultCache(
  settings: {
    cache: 'memory' | 'redis' | 'off';
    redisUrl: string | undefined;
    cacheMaxMb: number;
    cacheTtlSeconds: number;
  },
  onError: (error: unknown) => void,
): ResultCache {
  const ttlMs = settings.cacheTtlSeconds * 1000;
  if (settings.cache === 'off') return new NoResultCache();
  if (settings.cache === 'redis' && settings.redisUrl) {
    return new RedisResultCache(settings.redisUrl, { ttlMs, onError });
  }
  return new MemoryResultCache({ maxBytes: settings.cacheMaxMb * 1024 * 1024, ttlMs });
}
