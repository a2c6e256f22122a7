/** Shape validation: unknown input → QuerySpec, or a SpecError SPEC_INVALID with a JSON path. */
import type { TLocalizedValidationError } from 'typebox/error';
import { SpecError } from './errors.ts';
import { filterSpecValidator, querySpecValidator } from './schema.ts';
import type { FilterSpec, QuerySpec } from './types.ts';

function reasonOf(error: TLocalizedValidationError): { path: string; reason: string } {
  const path = error.instancePath;
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = error.params.additionalProperties[0] ?? '';
      return { path: `${path}/${escapePointer(extra)}`, reason: `propriété inconnue « ${extra} »` };
    }
    case 'required': {
      const params = error.params as { requiredProperties?: string[] };
      const missing = params.requiredProperties?.[0] ?? '';
      return {
        path: `${path}/${escapePointer(missing)}`,
        reason: `propriété obligatoire « ${missing} » manquante`,
      };
    }
    case 'type':
      return {
        path,
        reason: `type attendu : ${frenchType(String((error.params as { type?: unknown }).type))}`,
      };
    case 'enum':
      return { path, reason: `valeur non autorisée (attendu : ${error.params.allowedValues.join(', ')})` };
    case 'anyOf':
      return { path, reason: 'type de valeur non autorisé (texte, nombre ou booléen)' };
    case 'maxItems':
      return { path, reason: 'trop d’éléments' };
    case 'minLength':
      return { path, reason: 'texte vide' };
    case 'maxLength':
      return { path, reason: 'texte trop long' };
    case 'uniqueItems':
      return { path, reason: 'éléments en double' };
    default:
      return { path, reason: `contrainte « ${error.keyword} » non respectée` };
  }
}

function frenchType(type: string): string {
  const names: Record<string, string> = {
    object: 'objet',
    array: 'liste',
    string: 'texte',
    number: 'nombre',
    integer: 'entier',
    boolean: 'booléen',
  };
  return names[type] ?? type;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The deepest error is the most precise one (anyOf branches report the parent last). */
function pickError(errors: readonly TLocalizedValidationError[]): TLocalizedValidationError | undefined {
  const preferred = errors.find((e) => e.keyword === 'additionalProperties' || e.keyword === 'anyOf');
  if (preferred) return preferred;
  return errors.find((e) => e.keyword !== 'boolean') ?? errors[0];
}

function fail(errors: readonly TLocalizedValidationError[], prefix: string): never {
  const error = pickError(errors);
  const { path, reason } = error ? reasonOf(error) : { path: '', reason: 'forme inattendue' };
  throw new SpecError('SPEC_INVALID', `${prefix}${path}`, { reason });
}

function isPlainObject(input: unknown): boolean {
  if (typeof input !== 'object' || input === null) return false;
  const proto: unknown = Object.getPrototypeOf(input);
  return proto === Object.prototype || proto === null;
}

export function validateSpecShape(input: unknown): QuerySpec {
  // A spec is parsed JSON: anything else (class instances, inherited keys) is refused outright.
  if (typeof input === 'object' && input !== null && !Array.isArray(input) && !isPlainObject(input)) {
    throw new SpecError('SPEC_INVALID', '', { reason: 'objet JSON attendu' });
  }
  let ok: boolean;
  try {
    ok = querySpecValidator.Check(input);
  } catch {
    // Exotic inputs (throwing getters, proxies) must still surface as a 400, never a 500.
    throw new SpecError('SPEC_INVALID', '', { reason: 'forme inattendue' });
  }
  if (ok) return input as QuerySpec;
  fail(querySpecValidator.Errors(input), '');
}

/** Locked filters come from the server (embed tokens) but are checked with the same rules. */
export function validateFilterShape(input: unknown, path: string): FilterSpec {
  if (filterSpecValidator.Check(input)) return input as FilterSpec;
  fail(filterSpecValidator.Errors(input), path);
}
