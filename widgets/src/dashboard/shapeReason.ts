/** TypeBox structure errors → one French reason with the JSON pointer it applies to. */
import type { TLocalizedValidationError } from 'typebox/error';

const TYPE_NAMES: Record<string, string> = {
  object: 'objet',
  array: 'liste',
  string: 'texte',
  number: 'nombre',
  integer: 'entier',
  boolean: 'booléen',
  null: 'null',
};

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The most telling error: unknown or missing keys first, then the deepest one. */
function pick(errors: readonly TLocalizedValidationError[]): TLocalizedValidationError | undefined {
  const keyed = errors.find((e) => e.keyword === 'additionalProperties' || e.keyword === 'required');
  if (keyed) return keyed;
  return [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
}

export function shapeReason(errors: readonly TLocalizedValidationError[]): { path: string; reason: string } {
  const error = pick(errors);
  if (!error) return { path: '', reason: 'structure inattendue' };
  const path = error.instancePath;
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
    case 'type': {
      const types = ([] as string[]).concat(error.params.type);
      return { path, reason: `type attendu : ${types.map((t) => TYPE_NAMES[t] ?? t).join(' ou ')}` };
    }
    case 'enum':
      return { path, reason: `valeur non autorisée (attendu : ${error.params.allowedValues.join(', ')})` };
    case 'const':
      return { path, reason: `valeur attendue : ${JSON.stringify(error.params.allowedValue)}` };
    case 'minimum':
      return { path, reason: `valeur minimale : ${String(error.params.limit)}` };
    case 'maximum':
      return { path, reason: `valeur maximale : ${String(error.params.limit)}` };
    case 'minLength':
      return { path, reason: 'texte vide' };
    case 'maxLength':
      return { path, reason: `texte trop long (${error.params.limit} caractères au plus)` };
    case 'maxItems':
      return { path, reason: `trop d’éléments (${error.params.limit} au plus)` };
    case 'pattern':
      return { path, reason: 'identifiant invalide : lettres, chiffres, « - » et « _ » seulement' };
    default:
      return { path, reason: `contrainte « ${error.keyword} » non respectée` };
  }
}
