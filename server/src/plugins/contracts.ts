/**
 * Route contracts: every route declares its body, params, query string and answers as TypeBox
 * schemas. They validate requests (TypeBox's compiler, French messages with a JSON pointer),
 * type the handlers (`Static<>`), serialise answers (fast-json-stringify) and make the OpenAPI
 * document.
 */
import type { Readable } from 'node:stream';
import { errorBodySchema, SpecError, validateSpecShape, validationReason } from '@dataetat/widgets';
import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyPluginOptions,
  FastifySchemaCompiler,
  FastifyServerOptions,
  FastifyTypeProvider,
  RawServerDefault,
} from 'fastify';
import Type, { type Static, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { TLocalizedValidationError } from 'typebox/error';
import { Value } from 'typebox/value';
import { AppError } from '../errors.ts';

type SchemaErrorFormatter = NonNullable<FastifyServerOptions['schemaErrorFormatter']>;
type SchemaErrorDataVar = Parameters<SchemaErrorFormatter>[1];

type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** JSON already written (in steps, by query/budget.ts), sent as is: typed apart from answers. */
export type SerialisedJson = string & { readonly serialisedJson: true };
/** JSON already written and compressed (its `Content-Encoding` set by the route), sent as is. */
export type EncodedJson = Buffer & { readonly encodedJson: true };
/** A large JSON answer written in steps, sent as a stream of its UTF-8 chunks. */
export type JsonStream = Readable & { readonly jsonStream: true };

/**
 * TypeBox types for handlers. Like `TypeBoxTypeProvider` of @fastify/type-provider-typebox, but
 * answers are read-only: services return read-only views (`readonly` arrays), which a mutable
 * `Static<>` would refuse.
 */
export interface ContractTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends TSchema ? Static<this['schema']> : unknown;
  serializer: this['schema'] extends { format: 'binary' }
    ? unknown // binaryAnswer: files, streams
    : this['schema'] extends TSchema
      ? DeepReadonly<Static<this['schema']>> | SerialisedJson | EncodedJson | JsonStream
      : unknown;
}

/** A route plugin whose handlers are typed by their schemas. */
export type ApiPlugin<Options extends FastifyPluginOptions = Record<never, never>> = FastifyPluginAsync<
  Options,
  RawServerDefault,
  ContractTypeProvider
>;

/**
 * TypeBox checks requests. Addresses carry text only: query strings and params get their
 * defaults, then are converted to the declared types (`?limit=50` → 50) before the check.
 * Bodies are JSON and checked as sent.
 */
export const validatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const validator = Compile(schema);
  const converts = httpPart !== 'body';
  return (input: unknown) => {
    const value = converts ? Value.Convert(schema, Value.Default(schema, input ?? {})) : input;
    return validator.Check(value) ? { value } : { error: validator.Errors(value) as never };
  };
};

const PARTS: Record<SchemaErrorDataVar, string> = {
  body: 'corps de la requête',
  querystring: 'paramètres de l’adresse',
  params: 'chemin de l’adresse',
  headers: 'en-têtes',
};

function reasonOf(errors: unknown[]) {
  return validationReason(errors as TLocalizedValidationError[]);
}

/** `400 BAD_REQUEST` in French, naming the part of the request and the JSON pointer. */
export const schemaErrorFormatter: SchemaErrorFormatter = (errors, part) => {
  const { path, reason } = reasonOf(errors);
  const where = path ? `${PARTS[part]}, « ${path} »` : PARTS[part];
  return new AppError('BAD_REQUEST', { where, reason }, { in: part, path, reason });
};

/**
 * For bodies that are query specs: the spec validator itself, so its bounds come before any
 * error report (SPEC_LIMITS) and a refused spec gets its own error, SPEC_INVALID with the path.
 * Query strings and params go through the common validator.
 */
export const specValidatorCompiler: FastifySchemaCompiler<TSchema> = (route) => {
  if (route.httpPart !== 'body') return validatorCompiler(route);
  return (input: unknown) => {
    try {
      return { value: validateSpecShape(input) };
    } catch (error) {
      if (error instanceof SpecError) return { error };
      throw error;
    }
  };
};

/** An answer that is a file or binary (not JSON): documented by its content types only. */
export function binaryAnswer(description: string, contentTypes: readonly string[]) {
  const schema = { type: 'string', format: 'binary' } as const;
  return { description, content: Object.fromEntries(contentTypes.map((type) => [type, { schema }])) };
}

/**
 * TypeBox validates requests; every /api route with a contract also documents the error body
 * of its 4xx and 5xx answers.
 */
export function installContracts(app: FastifyInstance): void {
  app.setValidatorCompiler(validatorCompiler);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || !route.schema?.response) return;
    const response = route.schema.response as Record<string, unknown>;
    response['4xx'] ??= errorBodySchema;
    response['5xx'] ??= errorBodySchema;
  });
}

/** An answer without body (204, redirections, 304). */
export function emptyAnswer(description: string) {
  return Type.Null({ description });
}

/**
 * `JSON.stringify` for answers made of large arrays of mixed cells (query results): there
 * fast-json-stringify checks each cell against the union `texte | nombre | null` and is ~6× slower
 * than V8 (20 000 rows × 5 cells: 182 ms against 30 ms). The schema still types, documents and,
 * in tests, checks the answer.
 */
export const plainJsonSerializer = () => (data: unknown) => JSON.stringify(data);
