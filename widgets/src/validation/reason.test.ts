/** One French reading of schema errors, with the JSON pointer of the faulty value. */
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import { describe, expect, test } from 'vitest';
import { SafeText } from '../spec/limitSchemas.ts';
import { IDENTIFIER_PATTERN, validationReason } from './reason.ts';

const schema = Compile(
  Type.Object(
    {
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
      id: Type.Optional(Type.String({ pattern: IDENTIFIER_PATTERN })),
      title: Type.Optional(SafeText({ maxLength: 20 })),
      values: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Number(), Type.Boolean()]))),
      'a/b': Type.Optional(Type.Object({ name: Type.String() }, { additionalProperties: false })),
    },
    { additionalProperties: false },
  ),
);
const reason = (value: unknown) => validationReason(schema.Errors(value));

describe('validationReason', () => {
  test.each([
    [{ limit: 1000 }, '/limit', 'valeur maximale : 500'],
    [{ limit: 0 }, '/limit', 'valeur minimale : 1'],
    [{ limit: 1.5 }, '/limit', 'type attendu : entier'],
    [{ id: 'a b' }, '/id', 'identifiant invalide : lettres, chiffres, « - » et « _ » seulement'],
    [{ title: 'a\u0000b' }, '/title', 'caractère nul (U+0000) ou UTF-16 isolé interdit'],
    [{ title: '\ud800' }, '/title', 'caractère nul (U+0000) ou UTF-16 isolé interdit'],
    [{ values: [{}] }, '/values/0', 'type attendu : texte, nombre ou booléen'],
    [{ couleur: 1 }, '/couleur', 'propriété inconnue « couleur »'],
    [{ 'a/b': {} }, '/a~1b/name', 'propriété obligatoire « name » manquante'],
    [[], '', 'type attendu : objet'],
  ])('%j → %s', (value, path, text) => {
    expect(reason(value)).toEqual({ path, reason: text });
  });
});
