/**
 * Checks every JSON answer against its route's response schema, and that serialisation kept
 * everything the handler returned. fast-json-stringify writes only the properties a schema
 * declares: a field added to an answer but not to its schema would vanish silently. On in tests
 * (every `inject` of every route test goes through it), off in production (it costs a
 * `JSON.stringify` per answer).
 */
import { isDeepStrictEqual } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';

const handlerValues = new WeakMap<FastifyRequest, unknown>();

export interface ContractViolation {
  readonly route: string;
  readonly status: number;
  readonly problem: string;
}

function responseSchemaOf(request: FastifyRequest, status: number): TSchema | undefined {
  const responses = request.routeOptions.schema?.response as Record<string, unknown> | undefined;
  const schema = responses?.[status] ?? responses?.[`${String(status)[0]}xx`] ?? responses?.default;
  // `binaryAnswer` entries (files, redirections) describe content types, not JSON.
  if (!schema || typeof schema !== 'object' || 'content' in schema) return undefined;
  return schema as TSchema;
}

/** The first difference found, as a JSON pointer (`/datasets/0/years`). */
function firstDifference(expected: unknown, actual: unknown, path = ''): string {
  if (isDeepStrictEqual(expected, actual)) return '';
  if (typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null) {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) {
      const found = firstDifference(
        (expected as Record<string, unknown>)[key],
        (actual as Record<string, unknown>)[key],
        `${path}/${key}`,
      );
      if (found) return found;
    }
  }
  return path || '/';
}

/**
 * Past this size a route's own JSON is not parsed again: such answers are serialised in steps so
 * that nothing blocks the event loop, and re-parsing and checking 60 000 rows here would block it
 * for a second (the responsiveness test runs with this guard on). Their shape is the same code
 * path as the small answers, which are checked.
 */
const MAX_CHECKED_CHARS = 256 * 1024;

/** The JSON text of an answer the route wrote itself (decompressed), or undefined if not JSON. */
function preSerialisedJson(reply: FastifyReply, payload: unknown): string | undefined {
  if (!String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return undefined;
  if (typeof payload === 'string') return payload;
  if (!Buffer.isBuffer(payload)) return undefined;
  const encoding = reply.getHeader('content-encoding');
  if (encoding === 'gzip') return gunzipSync(payload).toString('utf8');
  if (encoding === 'br') return brotliDecompressSync(payload).toString('utf8');
  return payload.toString('utf8');
}

export function installResponseGuard(app: FastifyInstance, violations: ContractViolation[]): void {
  app.addHook('preSerialization', async (request, _reply, payload) => {
    handlerValues.set(request, payload);
    return payload;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
    const report = (problem: string) => {
      violations.push({ route, status: reply.statusCode, problem });
      reply.code(500);
      reply.removeHeader('content-encoding');
      return JSON.stringify({ error: { code: 'RESPONSE_CONTRACT', message: `${route} : ${problem}` } });
    };
    const checkSchema = (schema: TSchema, value: unknown) => {
      if (Value.Check(schema, value)) return '';
      const [error] = Value.Errors(schema, value);
      return `réponse hors schéma en ${error?.instancePath || '/'} (${error?.message ?? '?'})`;
    };
    if (!handlerValues.has(request)) {
      // Written by the route itself (stepped serialisation, kept bytes of a cached answer):
      // no handler value to compare with, but the JSON sent must still match the schema.
      const text = preSerialisedJson(reply, payload);
      const schema = text === undefined ? undefined : responseSchemaOf(request, reply.statusCode);
      if (text === undefined || !schema || text.length > MAX_CHECKED_CHARS) return payload;
      const problem = checkSchema(schema, JSON.parse(text));
      return problem ? report(problem) : payload;
    }
    if (typeof payload !== 'string') return payload;
    const value: unknown = JSON.parse(JSON.stringify(handlerValues.get(request)));
    handlerValues.delete(request);
    const schema = responseSchemaOf(request, reply.statusCode);
    if (!schema) return payload;
    const problem = checkSchema(schema, value);
    if (problem) return report(problem);
    const where = firstDifference(value, JSON.parse(payload));
    return where ? report(`la sérialisation a changé ou perdu ${where}`) : payload;
  });
}
