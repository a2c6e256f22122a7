/**
 * TypeBox validation errors → one French reason with the JSON pointer it applies to. The single
 * reading of schema errors for query specs, dashboards and the server's route contracts, so a
 * user sees the same words wherever a shape is refused.
 */
import type { TLocalizedValidationError } from 'typebox/error';
import { SAFE_TEXT_PATTERN } from '../spec/limits.ts';

/** Identifiers in addresses and definitions (dashboard ids, widget ids). */
export const IDENTIFIER_PATTERN = '^[A-Za-z0-9_-]+$';

export interface ValidationReason {
  /** JSON pointer to the faulty value ('' for the whole document). */
  readonly path: string;
  readonly reason: string;
}

const TYPE_NAMES: Record<string, string> = {
  object: 'objet',
  array: 'liste',
  string: 'texte',
  number: 'nombre',
  integer: 'entier',
  boolean: 'booléen',
  null: 'null',
};

const PATTERN_NAMES: Record<string, string> = {
  [IDENTIFIER_PATTERN]: 'identifiant invalide : lettres, chiffres, « - » et « _ » seulement',
  [SAFE_TEXT_PATTERN]: 'caractère nul (U+0000) ou UTF-16 isolé interdit',
};

export function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function typeNames(types: readonly string[]): string {
  const names = [...new Set(types.map((t) => TYPE_NAMES[t] ?? t))];
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ou ${names.at(-1)}`;
}

function typesOf(error: TLocalizedValidationError): string[] {
  return ([] as string[]).concat((error.params as { type?: string | string[] }).type ?? []);
}

/**
 * The most telling error: an unknown or missing key first, then the deepest value. At one
 * value, a union (anyOf) is named with every type its branches accept.
 */
function pick(errors: readonly TLocalizedValidationError[]): TLocalizedValidationError | undefined {
  const keyed = errors.find((e) => e.keyword === 'additionalProperties' || e.keyword === 'required');
  if (keyed) return keyed;
  // `boolean` is the "schema is false" twin of additionalProperties: never the telling one.
  const meaningful = errors.filter((e) => e.keyword !== 'boolean');
  const deepest = Math.max(...meaningful.map((e) => e.instancePath.length));
  const atDeepest = meaningful.filter((e) => e.instancePath.length === deepest);
  return atDeepest.find((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf') ?? atDeepest[0] ?? errors[0];
}

function reasonOf(
  error: TLocalizedValidationError,
  errors: readonly TLocalizedValidationError[],
): ValidationReason {
  const path = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = error.params.additionalProperties[0] ?? '';
      return { path: `${path}/${escapePointer(extra)}`, reason: `propriété inconnue « ${extra} »` };
    }
    case 'required': {
      const missing = error.params.requiredProperties[0] ?? '';
      return {
        path: `${path}/${escapePointer(missing)}`,
        reason: `propriété obligatoire « ${missing} » manquante`,
      };
    }
    case 'type':
      return { path, reason: `type attendu : ${typeNames(typesOf(error))}` };
    case 'anyOf':
    case 'oneOf': {
      const types = errors.filter((e) => e.instancePath === path && e.keyword === 'type').flatMap(typesOf);
      return {
        path,
        reason: types.length > 0 ? `type attendu : ${typeNames(types)}` : 'aucune des formes permises',
      };
    }
    case 'enum':
      return { path, reason: `valeur non autorisée (attendu : ${error.params.allowedValues.join(', ')})` };
    case 'const':
      return { path, reason: `valeur attendue : ${JSON.stringify(params.allowedValue)}` };
    case 'minimum':
      return { path, reason: `valeur minimale : ${String(params.limit)}` };
    case 'maximum':
      return { path, reason: `valeur maximale : ${String(params.limit)}` };
    case 'exclusiveMinimum':
      return { path, reason: `valeur supérieure à ${String(params.limit)} attendue` };
    case 'exclusiveMaximum':
      return { path, reason: `valeur inférieure à ${String(params.limit)} attendue` };
    case 'multipleOf':
      return { path, reason: `multiple de ${String(params.multipleOf)} attendu` };
    case 'minLength':
      return {
        path,
        reason:
          Number(params.limit) <= 1 ? 'texte vide' : `texte trop court (${params.limit} caractères au moins)`,
      };
    case 'maxLength':
      return { path, reason: `texte trop long (${String(params.limit)} caractères au plus)` };
    case 'minItems':
      return { path, reason: `trop peu d’éléments (${String(params.limit)} au moins)` };
    case 'maxItems':
      return { path, reason: `trop d’éléments (${String(params.limit)} au plus)` };
    case 'uniqueItems':
      return { path, reason: 'éléments en double' };
    case 'minProperties':
      return { path, reason: `objet vide (${String(params.limit)} propriété(s) au moins)` };
    case 'maxProperties':
      return { path, reason: `trop de propriétés (${String(params.limit)} au plus)` };
    case 'pattern': {
      const pattern = String(params.pattern);
      return { path, reason: PATTERN_NAMES[pattern] ?? `format invalide (motif ${pattern})` };
    }
    case 'format':
      return { path, reason: `format « ${String(params.format)} » attendu` };
    default:
      return { path, reason: `contrainte « ${error.keyword} » non respectée` };
  }
}

/** One reason for a list of errors from `Compile(schema).Errors(value)` or `Value.Errors`. */
export function validationReason(errors: Iterable<TLocalizedValidationError>): ValidationReason {
  const all = [...errors];
  const error = pick(all);
  return error ? reasonOf(error, all) : { path: '', reason: 'forme inattendue' };
}
