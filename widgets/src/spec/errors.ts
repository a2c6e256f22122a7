/**
 * Coded spec errors (STYLE.md « Coded errors »): one catalogue of codes with French message
 * templates, a JSON-pointer path into the spec so the editor can point at the faulty field, and
 * HTTP status 400. The server's error handler serialises `{ code, message, path, details }`.
 */

export const SPEC_ERROR_MESSAGES = {
  SPEC_INVALID: 'La requête est invalide ({reason}) à l’emplacement « {path} ».',
  SPEC_UNKNOWN_DATASET: 'Le jeu de données « {dataset} » n’existe pas.',
  SPEC_UNKNOWN_FIELD: 'Le champ « {field} » n’existe pas dans le jeu de données « {dataset} ».',
  SPEC_BAD_OPERATOR: 'L’opérateur « {op} » ne s’applique pas au champ « {field} » : {reason}.',
  SPEC_BAD_VALUE: 'Valeur invalide pour « {field} » : {reason}.',
  SPEC_LIMIT: 'La valeur de « {field} » est invalide : {reason}.',
  SPEC_BAD_SORT: 'Le tri sur « {field} » est impossible : {reason}.',
  SPEC_BAD_SUBTOTALS: 'Les sous-totaux demandés sont invalides : {reason}.',
  SPEC_BAD_TOPN: 'Le classement « top N » est invalide : {reason}.',
} as const;

export type SpecErrorCode = keyof typeof SPEC_ERROR_MESSAGES;

function fill(template: string, params: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => String(params[key] ?? ''));
}

export class SpecError extends Error {
  readonly code: SpecErrorCode;
  /** JSON pointer into the spec (`/filters/0/op`); '' for the spec itself. */
  readonly path: string;
  readonly details?: Record<string, unknown>;
  readonly status = 400 as const;

  constructor(code: SpecErrorCode, path: string, params: Readonly<Record<string, unknown>> = {}) {
    super(fill(SPEC_ERROR_MESSAGES[code], { path, ...params }));
    this.name = 'SpecError';
    this.code = code;
    this.path = path;
    if (Object.keys(params).length > 0) this.details = { ...params };
  }
}

/** Thrown for a broken catalogue definition: a server bug (500), never the caller's fault. */
export class CatalogueError extends Error {
  readonly status = 500 as const;
  constructor(message: string) {
    super(message);
    this.name = 'CatalogueError';
  }
}
