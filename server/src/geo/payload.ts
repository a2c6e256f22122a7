import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
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

export function makePayload(
  body: Buffer,
  contentType: string,
  options: { brotli: boolean; gzipLevel?: number },
): Payload {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return {
    contentType,
    identity: body,
    gzip: gzipSync(body, { level: options.gzipLevel ?? 9 }),
    br: options.brotli
      ? brotliCompressSync(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 9,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        })
      : null,
    etag,
  };
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
