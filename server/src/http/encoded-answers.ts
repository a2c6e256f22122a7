import zlib from 'node:zlib';

/**
 * JSON answers served many times (cached query results) keep their serialised text and their
 * gzip / brotli bytes beside them, made on first use: a cache hit then costs no
 * `JSON.stringify` and no compression. Keyed by the answer object itself (a WeakMap), so the
 * bytes live exactly as long as the cache entry that holds the object.
 */
export type ContentEncoding = 'br' | 'gzip';

/** Below this size answers go out uncompressed (the compression plugin's threshold). */
export const COMPRESS_THRESHOLD = 1024;
/** Larger answers keep only their text: compressing them is left to the streaming plugin. */
export const MAX_KEPT_CHARS = 256 * 1024;

interface Encoded {
  readonly json: string;
  br?: Buffer;
  gzip?: Buffer;
}

/** `Accept-Encoding` → the encoding to send among br and gzip (q-values honoured), or null. */
export function preferredEncoding(header: string | undefined): ContentEncoding | null {
  if (!header) return null;
  let best: ContentEncoding | null = null;
  let bestQ = 0;
  for (const part of header.toLowerCase().split(',')) {
    const [rawName = '', ...params] = part.split(';');
    const name = rawName.trim();
    const encoding: ContentEncoding | null =
      name === 'br' ? 'br' : name === 'gzip' || name === 'x-gzip' || name === '*' ? 'gzip' : null;
    if (!encoding) continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split('=').map((s) => s.trim());
      if (key === 'q') q = Number(value);
    }
    if (!(q > 0)) continue;
    // Equal weights: brotli first, as the compression plugin does.
    if (q > bestQ || (q === bestQ && encoding === 'br')) {
      best = encoding;
      bestQ = q;
    }
  }
  return best;
}

export class EncodedAnswers {
  private readonly kept = new WeakMap<object, Encoded>();

  /** The JSON text kept for `answer`, if any. */
  text(answer: object): string | undefined {
    return this.kept.get(answer)?.json;
  }

  /** Keeps `json`, the text of `answer`, for its next sendings (small enough answers only). */
  keep(answer: object, json: string): void {
    if (json.length <= MAX_KEPT_CHARS && !this.kept.has(answer)) this.kept.set(answer, { json });
  }

  /**
   * The bytes to send for `answer` under `encoding`: compressed once, or null when the answer
   * is too small to compress or too large to keep (then send `json` as text).
   */
  encoded(answer: object, json: string, encoding: ContentEncoding): Buffer | null {
    if (json.length < COMPRESS_THRESHOLD) return null;
    const kept = this.kept.get(answer);
    if (!kept || kept.json !== json) return null;
    let bytes = kept[encoding];
    if (!bytes) {
      // The compression plugin's levels: this runs on the request path of the first hit.
      bytes =
        encoding === 'br'
          ? zlib.brotliCompressSync(json, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 2 } })
          : zlib.gzipSync(json, { level: 3 });
      kept[encoding] = bytes;
    }
    return bytes;
  }
}
