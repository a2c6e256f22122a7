/** The limits of limits.ts as TypeBox schemas, for route and dashboard schemas. */
import Type, { type TInteger, type TString } from 'typebox';
import { INT32_MAX, SAFE_TEXT_PATTERN } from './limits.ts';

/** A text without NUL or lone surrogates, `maxLength` required: there is no unbounded text. */
export function SafeText(options: { readonly maxLength: number; readonly minLength?: number }): TString {
  return Type.String({ ...options, pattern: SAFE_TEXT_PATTERN });
}

/** A positive integer an `integer` column can hold: ids and version numbers. */
export function Int32Id(): TInteger {
  return Type.Integer({ minimum: 1, maximum: INT32_MAX });
}

/** `:version` of a dashboard (1 … 2³¹−1). */
export const VersionNumber = Int32Id();

/** `:id` of a numeric resource (users). */
export const IdParam = Type.Object({ id: Int32Id() }, { additionalProperties: false });
