import underPressure from '@fastify/under-pressure';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answered even when the server sheds load (liveness probes). */
    neverShed?: boolean;
  }
}

export interface LoadSheddingOptions {
  /** Mean event-loop delay over one sample above which requests are refused; 0: never. */
  readonly maxEventLoopDelayMs: number;
  /** V8 heap in use above which requests are refused; 0: never. */
  readonly maxHeapUsedMb: number;
  readonly retryAfterSeconds: number;
}

/**
 * When the event loop lags or the heap is nearly full, new requests get a French 503 with
 * `Retry-After` at once instead of queueing behind the work that saturates the server (and
 * making it worse). Routes with `config.neverShed` still answer.
 */
/*
 * Note for thresholds: a sample during which the event loop recorded no delay at all (the
 * process paused for the whole sample interval, as on an overloaded machine) counts as an
 * infinite delay in @fastify/under-pressure, whatever the threshold: only 0 turns the check off.
 */
const plugin: FastifyPluginAsync<LoadSheddingOptions> = async (app, options) => {
  await app.register(underPressure, {
    maxEventLoopDelay: options.maxEventLoopDelayMs,
    maxHeapUsedBytes: options.maxHeapUsedMb * 1024 * 1024,
    retryAfter: options.retryAfterSeconds,
    pressureHandler: async (request, reply, type, value) => {
      if (request.routeOptions.config.neverShed) return;
      request.log.warn({ type, value, url: request.url }, 'serveur saturé : requête refusée');
      reply.header('Retry-After', options.retryAfterSeconds);
      throw new AppError('SERVER_BUSY', { seconds: options.retryAfterSeconds });
    },
  });
};

export const loadShedding = fp(plugin, { name: 'load-shedding' });
