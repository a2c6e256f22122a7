/**
 * Reading a widget definition written by someone else (the JSON editor, a bookmarked link):
 * check its outer shape and say in French what is wrong and where. The query's content (fields,
 * operators, values) is checked by the server, which answers with a JSON path.
 */
import { WIDGET_TYPES, type WidgetDefinition, type WidgetType } from '@dataetat/widgets/react';

export type ParsedDefinition =
  | { readonly ok: true; readonly widget: WidgetDefinition }
  | { readonly ok: false; readonly message: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

const DEFINITION_KEYS = new Set(['id', 'type', 'title', 'description', 'query', 'options']);

function problem(message: string): ParsedDefinition {
  return { ok: false, message };
}

/** Checks a parsed JSON value; `id` is used when the definition has none. */
export function checkDefinition(value: unknown, id: string): ParsedDefinition {
  if (!isRecord(value))
    return problem('La définition doit être un objet JSON { type, title, query, options }.');
  const unknown = Object.keys(value).filter((k) => !DEFINITION_KEYS.has(k));
  if (unknown.length > 0) {
    return problem(
      `Clé inconnue « ${unknown[0]} » : seules id, type, title, description, query et options sont permises.`,
    );
  }
  if (typeof value.type !== 'string' || !(WIDGET_TYPES as readonly string[]).includes(value.type)) {
    return problem(`« type » doit être l’un de : ${WIDGET_TYPES.join(', ')}.`);
  }
  if (value.title !== undefined && typeof value.title !== 'string')
    return problem('« title » doit être un texte.');
  if (value.options !== undefined && !isRecord(value.options))
    return problem('« options » doit être un objet.');
  const query = value.query ?? null;
  if (query !== null) {
    if (!isRecord(query)) return problem('« query » doit être un objet ou null.');
    if (typeof query.dataset !== 'string' || query.dataset === '') {
      return problem('« query.dataset » doit nommer un jeu de données.');
    }
    if (!isStringArray(query.measures)) return problem('« query.measures » doit être une liste de mesures.');
    if (query.dimensions !== undefined && !isStringArray(query.dimensions)) {
      return problem('« query.dimensions » doit être une liste de dimensions.');
    }
    if (query.filters !== undefined && !Array.isArray(query.filters)) {
      return problem('« query.filters » doit être une liste de filtres.');
    }
    const badFilter = ((query.filters as unknown[] | undefined) ?? []).findIndex(
      (f) => !isRecord(f) || typeof f.field !== 'string' || typeof f.op !== 'string',
    );
    if (badFilter >= 0) return problem(`Le filtre n° ${badFilter + 1} doit avoir un « field » et un « op ».`);
  }
  const widget: WidgetDefinition = {
    id: typeof value.id === 'string' && value.id !== '' ? value.id : id,
    type: value.type as WidgetType,
    title: typeof value.title === 'string' ? value.title : '',
    ...(typeof value.description === 'string' ? { description: value.description } : {}),
    query: query as WidgetDefinition['query'],
    options: (value.options as Record<string, unknown> | undefined) ?? {},
  };
  return { ok: true, widget };
}

/** Parses the JSON editor's text. */
export function parseDefinition(text: string, id: string): ParsedDefinition {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof SyntaxError ? error.message : '';
    // Engines say where differently: « at position 12 » (V8) or « line 2 column 5 ».
    const position = /position (\d+)/.exec(detail)?.[1];
    const lineCol = /line (\d+) column (\d+)/.exec(detail);
    const where = lineCol
      ? ` (ligne ${lineCol[1]}, colonne ${lineCol[2]})`
      : position === undefined
        ? ''
        : ` (${lineColumn(text, Number(position))})`;
    return problem(`JSON invalide${where} : vérifiez les guillemets, virgules et accolades.`);
  }
  return checkDefinition(value, id);
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `ligne ${before.length}, colonne ${(before.at(-1)?.length ?? 0) + 1}`;
}
