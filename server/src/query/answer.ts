import type { QueryResult, QuerySpec, SecurityContext } from '@dataetat/widgets';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SerialisedJson } from '../plugins/contracts.ts';
import { Deadline, jsonSteps, runSteps } from './budget.ts';

/** Above this many rows, the answer is serialised in steps rather than in one blocking call. */
const STEPPED_JSON_ROWS = 2_000;

/**
 * The answer of a query route (`/api/query`, and the share-link and embed queries): the spec
 * run under `context`, with one budget for the engine, the shaping and the serialisation, and
 * the engine query cancelled when the client goes away.
 */
export async function answerQuery(
  app: FastifyInstance,
  reply: FastifyReply,
  spec: QuerySpec,
  context: SecurityContext,
): Promise<QueryResult | SerialisedJson> {
  const deadline = new Deadline(app.services.settings.queryTimeoutMs);
  // The response closing before it finished means the client went away: cancel the engine
  // query. (The request's own `close` fires as soon as its body is read, so not that one.)
  const abort = new AbortController();
  const onClose = () => {
    if (!reply.raw.writableFinished) abort.abort();
  };
  reply.raw.once('close', onClose);
  try {
    const result = await app.services.queries.run(spec, context, { signal: abort.signal, deadline });
    if (result.rows.length <= STEPPED_JSON_ROWS) return result;
    const json = await runSteps(jsonSteps(result), { deadline, signal: abort.signal });
    reply.type('application/json; charset=utf-8');
    return json as SerialisedJson;
  } finally {
    reply.raw.off('close', onClose);
  }
}
