/**
 * Checks every JSON answer against its route's response schema, and that serialisation kept
 * everything the handler returned. fast-json-stringify writes only the properties a schema
 * declares: a field added to an answer but not to its schema would vanish silently. On in tests
 * (every `inject` of every route test goes through it), off in production (it costs a
 * `JSON.stringify` per answer).
 */
import { isDeepStrictEqual } from 'node:util';
import type { FastifyInstance, FastifyRequest } from 'fastify';
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

export function installResponseGuard(app: FastifyInstance, violations: ContractViolation[]): void {
  app.addHook('preSerialization', async (request, _reply, payload) => {
    handlerValues.set(request, payload);
    return payload;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (!handlerValues.has(request) || typeof payload !== 'string') return payload;
    const value: unknown = JSON.parse(JSON.stringify(handlerValues.get(request)));
    handlerValues.delete(request);
    const schema = responseSchemaOf(request, reply.statusCode);
    if (!schema) return payload;
    const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
    const report = (problem: string) => {
      violations.push({ route, status: reply.statusCode, problem });
      reply.code(500);
      return JSON.stringify({ error: { code: 'RESPONSE_CONTRACT', message: `${route} : ${problem}` } });
    };
    if (!Value.Check(schema, value)) {
      const [error] = Value.Errors(schema, value);
      return report(`réponse hors schéma en ${error?.instancePath || '/'} (${error?.message ?? '?'})`);
    }
    const where = firstDifference(value, JSON.parse(payload));
    return where ? report(`la sérialisation a changé ou perdu ${where}`) : payload;
  });
}
