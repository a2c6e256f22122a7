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

export class MemoryResultCache implements ResultCache {
  readonly kind = 'memory';
  private readonly lru: LRUCache<string, QueryResult>;

  constructor(options: { maxBytes: number; ttlMs: number }) {
    this.lru = new LRUCache({
      maxSize: options.maxBytes,
      ttl: options.ttlMs,
      // Approximate size: the rows dominate; JSON length is a fair proxy computed once at insert.
      sizeCalculation: (value) => Math.max(1, JSON.stringify(value.rows).length),
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
