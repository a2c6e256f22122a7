/** Types of API answers, derived from their schemas: read-only all the way down. */
import type { Static, TSchema } from 'typebox';

export type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The TS type of an answer described by `schema`. */
export type Answer<S extends TSchema> = DeepReadonly<Static<S>>;
