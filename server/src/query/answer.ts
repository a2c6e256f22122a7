import { Readable } from 'node:stream';
import type { QueryResult, SecurityContext } from '@dataetat/widgets';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EncodedAnswers, MAX_KEPT_CHARS, preferredEncoding } from '../http/encoded-answers.ts';
import type { EncodedJson, JsonStream, SerialisedJson } from '../plugins/contracts.ts';
import { Deadline, jsonSteps, runSteps, type StepOptions } from './budget.ts';

/** Above this many rows, the answer is serialised in steps rather than in one blocking call. */
const STEPPED_JSON_ROWS = 2_000;
const JSON_TYPE = 'application/json; charset=utf-8';

/** Text and compressed bytes of cached answers, made once per cache entry (keyed by the entry). */
const answers = new EncodedAnswers();

/** A large answer's JSON, written in steps and sent as a stream of its chunks (compressed on the way). */
async function steppedJson(
  reply: FastifyReply,
  result: QueryResult,
  options: StepOptions,
): Promise<Buffer[]> {
  const chunks = await runSteps(jsonSteps(result), options);
  reply.type(JSON_TYPE);
  return chunks;
}

function streamOf(chunks: readonly Buffer[]): JsonStream {
  return Readable.from(chunks, { objectMode: false }) as JsonStream;
}

/** A cached answer: its kept text, or its kept bytes in the encoding the client accepts. */
async function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  result: QueryResult,
  deadline: Deadline,
): Promise<SerialisedJson | EncodedJson | JsonStream> {
  let json = answers.text(result);
  if (json === undefined) {
    if (result.rows.length > STEPPED_JSON_ROWS) {
      const chunks = await steppedJson(reply, result, { deadline });
      const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
      if (size > MAX_KEPT_CHARS) return streamOf(chunks);
      json = Buffer.concat(chunks, size).toString('utf8');
    } else {
      json = JSON.stringify(result);
    }
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
): Promise<QueryResult | SerialisedJson | EncodedJson | JsonStream> {
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
    return streamOf(await steppedJson(reply, result, { deadline, signal: abort.signal }));
  } finally {
    reply.raw.off('close', onClose);
  }
}
