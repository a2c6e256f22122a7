import type { QueryResult, SecurityContext } from '@dataetat/widgets';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EncodedAnswers, preferredEncoding } from '../http/encoded-answers.ts';
import type { EncodedJson, SerialisedJson } from '../plugins/contracts.ts';
import { Deadline, jsonSteps, runSteps } from './budget.ts';

/** Above this many rows, the answer is serialised in steps rather than in one blocking call. */
const STEPPED_JSON_ROWS = 2_000;
const JSON_TYPE = 'application/json; charset=utf-8';

/** Text and compressed bytes of cached answers, made once per cache entry (keyed by the entry). */
const answers = new EncodedAnswers();

/** A cached answer: its kept text, or its kept bytes in the encoding the client accepts. */
async function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  result: QueryResult,
  deadline: Deadline,
): Promise<SerialisedJson | EncodedJson> {
  let json = answers.text(result);
  if (json === undefined) {
    json =
      result.rows.length <= STEPPED_JSON_ROWS
        ? JSON.stringify(result)
        : await runSteps(jsonSteps(result), { deadline });
    answers.keep(result, json);
  }
  reply.type(JSON_TYPE);
  const encoding =
    request.headers['x-no-compression'] === undefined
      ? preferredEncoding(request.headers['accept-encoding'])
      : null;
  const bytes = encoding && answers.encoded(result, json, encoding);
  if (!encoding || !bytes) return json as SerialisedJson;
  // Already encoded: the compression plugin leaves it as is, so the Vary header is ours.
  reply.header('content-encoding', encoding);
  reply.header('vary', 'accept-encoding');
  return bytes as EncodedJson;
}

/**
 * The answer of every query route (`/api/query`, and the share-link and embed queries): the spec
 * run under `context`, with one budget for the engine, the shaping and the serialisation; a cache
 * hit is sent from its kept text or bytes without planning again; the engine query is cancelled
 * when the client goes away (and other requests sharing it are gone too).
 */
export async function answerQuery(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  spec: unknown,
  context: SecurityContext,
): Promise<QueryResult | SerialisedJson | EncodedJson> {
  const deadline = new Deadline(app.services.settings.queryTimeoutMs);
  const { queries } = app.services;
  const prepared = queries.prepare(spec, context);
  const cached = await queries.lookup(prepared);
  if (cached) return sendCached(request, reply, cached, deadline);
  // The response closing before it finished means the client went away: cancel the engine
  // query. (The request's own `close` fires as soon as its body is read, so not that one.)
  const abort = new AbortController();
  const onClose = () => {
    if (!reply.raw.writableFinished) abort.abort();
  };
  reply.raw.once('close', onClose);
  try {
    const result = await queries.execute(prepared, { signal: abort.signal, deadline });
    if (result.rows.length <= STEPPED_JSON_ROWS) return result;
    const json = await runSteps(jsonSteps(result), { deadline, signal: abort.signal });
    reply.type(JSON_TYPE);
    return json as SerialisedJson;
  } finally {
    reply.raw.off('close', onClose);
  }
}
