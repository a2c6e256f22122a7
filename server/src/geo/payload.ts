import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A response body compressed once in memory (gzip, and brotli for the larger JSON files), with a
 * strong ETag: boundaries never change while the server runs, so each request only picks bytes.
 */
export interface Payload {
  readonly contentType: string;
  readonly identity: Buffer;
  readonly gzip: Buffer;
  readonly br: Buffer | null;
  readonly etag: string;
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

const etagOf = (body: Buffer) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/** A small body (a vector tile) compressed at once, on the calling thread. */
export function makePayload(body: Buffer, contentType: string, options: { gzipLevel: number }): Payload {
  return {
    contentType,
    identity: body,
    gzip: gzipSync(body, { level: options.gzipLevel }),
    br: null,
    etag: etagOf(body),
  };
}

/**
 * A large body (boundaries: megabytes) compressed at full levels on libuv's thread pool: done
 * synchronously it held the event loop for seconds, stalling every other request.
 */
export async function makeLargePayload(body: Buffer, contentType: string): Promise<Payload> {
  const [gzipped, br] = await Promise.all([
    gzipAsync(body, { level: 9 }),
    brotliAsync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
  ]);
  return { contentType, identity: body, gzip: gzipped, br, etag: etagOf(body) };
}

/** Boundaries follow the seed pack: a day of freshness, then a cheap 304 revalidation. */
export const GEO_CACHE_CONTROL = 'public, max-age=86400, stale-while-revalidate=604800';

/** The encodings a request accepts with a non-zero quality (`gzip;q=0` refuses gzip). */
function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && (!q || Number(q.slice(2)) > 0)) accepted.add(name);
  }
  return accepted;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** Sends a payload: 304 when the client holds it, else the best encoding it accepts. */
export function sendPayload(request: FastifyRequest, reply: FastifyReply, payload: Payload): FastifyReply {
  reply
    .header('cache-control', GEO_CACHE_CONTROL)
    .header('etag', payload.etag)
    .header('vary', 'accept-encoding');
  if (matchesEtag(request.headers['if-none-match'], payload.etag)) {
    return reply.code(304).send();
  }
  const accepted = acceptedEncodings(request.headers['accept-encoding']);
  reply.type(payload.contentType);
  if (payload.br && accepted.has('br')) return reply.header('content-encoding', 'br').send(payload.br);
  if (accepted.has('gzip') || accepted.has('*')) {
    return reply.header('content-encoding', 'gzip').send(payload.gzip);
  }
  return reply.send(payload.identity);
}
