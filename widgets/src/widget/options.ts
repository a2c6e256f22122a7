/**
 * Widget options described once, as a TypeBox schema per type (`<type>/spec.ts`): defaults,
 * French titles and descriptions, ranges and allowed values. From that schema come the resolved
 * options a renderer reads, the dashboard validation (unknown option, wrong value, with a JSON
 * path) and the explorer's options form.
 *
 * Convention: an option with a `default` is a required property of the schema (so the resolved
 * type has it), an option without one is `Type.Optional`. Stored options may leave out any key.
 */
import Type, {
  type Static,
  type TArray,
  type TObject,
  type TOptional,
  type TProperties,
  type TSchema,
  type TString,
  type TUnsafe,
} from 'typebox';
import { Check } from 'typebox/value';

export type RawOptions = Readonly<Record<string, unknown>>;

/**
 * What an option names in the widget's query, for options whose values are field ids: the form
 * offers the query's measures (or dimensions), the validation checks the ids are in the query.
 */
export type OptionRef = 'measure' | 'dimension';

/** Custom keyword carrying the `OptionRef` of a string option or of the items of a list. */
export const OPTION_REF = 'x-ref';

/** The options schema of a type: the given options, nothing else. */
export function optionsSchema<P extends TProperties>(properties: P): TObject<P> {
  return Type.Object(properties, { additionalProperties: false });
}

/** A measure of the query, by id; left out = the query's first measure. */
export function measureOption(title: string, description: string): TOptional<TString> {
  return Type.Optional(Type.String({ title, description, minLength: 1, [OPTION_REF]: 'measure' }));
}

/** A list of measure or dimension ids of the query; left out = the type's own choice. */
export function fieldListOption(
  ref: OptionRef,
  title: string,
  description: string,
): TOptional<TArray<TString>> {
  return Type.Optional(
    Type.Array(Type.String({ minLength: 1, [OPTION_REF]: ref }), { title, description, uniqueItems: true }),
  );
}

/** One of a few values, each with its French label (the form's choices). */
export function choiceOption<const V extends string | number>(
  choices: readonly (readonly [V, string])[],
  options: { readonly title: string; readonly description?: string; readonly default: NoInfer<V> },
): TUnsafe<V> {
  // Unsafe: the JSON Schema is the union of literals; the static type is the union of the values.
  return Type.Unsafe<V>(
    Type.Union(
      choices.map(([value, title]) => Type.Literal(value, { title })),
      options,
    ),
  );
}

/** Fully resolved options: defaulted keys present, optional ones present only when valid. */
export type ResolvedOptions<S extends TObject> = Static<S>;

/**
 * Options as a renderer reads them, from untyped JSON (saved dashboards, embeds): each value
 * that fits its schema is kept, anything else falls back to the schema's default (or is left out
 * when there is none) instead of breaking the chart. Unknown keys are dropped.
 */
export function resolveOptions<S extends TObject>(schema: S, raw: RawOptions): ResolvedOptions<S> {
  const out: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties as TProperties)) {
    const value = raw[key];
    if (value !== undefined && Check(property, value)) out[key] = value;
    else if ('default' in property) out[key] = structuredClone(property.default);
  }
  return out as ResolvedOptions<S>;
}

/** The default of every option that has one: what a widget with `options: {}` shows. */
export function defaultOptions<S extends TObject>(schema: S): ResolvedOptions<S> {
  return resolveOptions(schema, {});
}

/** One problem in stored options: a JSON pointer under the options and a French reason. */
export interface OptionProblem {
  readonly path: string;
  readonly reason: string;
  /** The field id named by the option, when it is a measure or dimension reference. */
  readonly field?: string;
}

/** The query fields an option may name. */
export interface QueryFields {
  readonly measures: readonly string[];
  readonly dimensions: readonly string[];
}

/**
 * Checks stored options against a type's schema: unknown keys, values of the wrong type or out
 * of range, and (given the query) measure or dimension ids the query does not have.
 */
export function checkOptions(schema: TObject, raw: RawOptions, fields?: QueryFields): OptionProblem[] {
  const properties = schema.properties as TProperties;
  const known = Object.keys(properties);
  const problems: OptionProblem[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const property = properties[key];
    const path = `/${escapePointer(key)}`;
    if (!property) {
      problems.push({
        path,
        reason: `option inconnue « ${key} » (options possibles : ${known.join(', ') || 'aucune'})`,
      });
      continue;
    }
    if (!Check(property, value)) {
      problems.push({
        path: `${path}${itemPath(property, value)}`,
        reason: `valeur attendue : ${expected(property)}`,
      });
      continue;
    }
    if (fields) problems.push(...checkRefs(property, value, path, fields));
  }
  return problems;
}

/** The measure or dimension ids an option names that its query lacks. */
function checkRefs(property: TSchema, value: unknown, path: string, fields: QueryFields): OptionProblem[] {
  const ref = refOf(property);
  if (!ref) return [];
  const allowed = ref === 'measure' ? fields.measures : fields.dimensions;
  const what = ref === 'measure' ? 'une mesure' : 'une dimension';
  const named: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [`${path}/${i}`, v])
    : [[path, value]];
  return named
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && !allowed.includes(entry[1]))
    .map(([at, id]) => ({
      path: at,
      field: id,
      reason: `l’option désigne « ${id} », qui n’est pas ${what} de la requête (${allowed.join(', ') || 'aucune'})`,
    }));
}

/** The `OptionRef` of a string option or of a list's items. */
export function refOf(property: TSchema): OptionRef | undefined {
  const own = (property as Record<string, unknown>)[OPTION_REF];
  const items = (property as { items?: Record<string, unknown> }).items?.[OPTION_REF];
  const ref = own ?? items;
  return ref === 'measure' || ref === 'dimension' ? ref : undefined;
}

/** For a list, the pointer to its first faulty item (`/2`); '' otherwise. */
function itemPath(property: TSchema, value: unknown): string {
  const items = (property as { items?: TSchema }).items;
  if (!Array.isArray(value) || !items) return '';
  const index = value.findIndex((item) => !Check(items, item));
  return index >= 0 ? `/${index}` : '';
}

/** The allowed values of a choice option (a union of literals), or null. */
export function choicesOf(
  property: TSchema,
): readonly { readonly value: string | number; readonly title?: string }[] | null {
  const anyOf = (property as { anyOf?: readonly Record<string, unknown>[] }).anyOf;
  if (!anyOf?.every((branch) => typeof branch.const === 'string' || typeof branch.const === 'number')) {
    return null;
  }
  return anyOf.map((branch) => ({
    value: branch.const as string | number,
    ...(typeof branch.title === 'string' ? { title: branch.title } : {}),
  }));
}

/** « un entier entre 2 et 20 », « une des valeurs : auto, vertical »… (French, for errors). */
function expected(property: TSchema): string {
  const choices = choicesOf(property);
  if (choices) return `une des valeurs ${choices.map((c) => JSON.stringify(c.value)).join(', ')}`;
  const p = property as { type?: unknown; minimum?: number; maximum?: number; items?: TSchema };
  switch (p.type) {
    case 'boolean':
      return 'un booléen (true ou false)';
    case 'integer':
    case 'number': {
      const what = p.type === 'integer' ? 'un entier' : 'un nombre';
      if (p.minimum !== undefined && p.maximum !== undefined)
        return `${what} entre ${p.minimum} et ${p.maximum}`;
      if (p.minimum !== undefined) return `${what} supérieur ou égal à ${p.minimum}`;
      return what;
    }
    case 'string':
      return 'un texte';
    case 'array':
      return p.items ? `une liste dont chaque élément est ${expected(p.items)}` : 'une liste';
    default:
      return 'une autre valeur';
  }
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
