import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The headers helmet sets for `options` (CSP, COOP, CORP, HSTS, nosniff…), computed once.
 * Our options are static (no per-request nonce), so every answer gets the same headers;
 * @fastify/helmet rebuilt helmet's middleware and reparsed the CSP on every request, a twentieth
 * of a cached query's server time. A route that needs another policy (an embed's
 * `frame-ancestors`) sets its header itself: it replaces this one.
 */
export function securityHeadersOf(options: Readonly<HelmetOptions>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return Object.freeze(headers);
}

const plugin: FastifyPluginAsync<HelmetOptions> = async (app, options) => {
  const headers = securityHeadersOf(options);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
};

/** Helmet's headers on every answer of the app (pages, API, errors, 404). */
export const securityHeaders = fp(plugin, { name: 'security-headers' });
