/** The body of every API error (DESIGN §9): a stable code, a French message, optional details. */
import Type from 'typebox';
import type { Answer } from './answer.ts';

export const errorBodySchema = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String({ description: 'Code stable, pour les programmes (ex. SPEC_INVALID).' }),
        message: Type.String({ description: 'Message en français, pour les personnes.' }),
        details: Type.Optional(
          Type.Record(Type.String(), Type.Unknown(), {
            description: 'Précisions : chemin JSON (`path`) de la valeur fautive, raison…',
          }),
        ),
      },
      { additionalProperties: false },
    ),
  },
  {
    additionalProperties: false,
    description: 'Erreur',
    examples: [
      {
        error: {
          code: 'BAD_REQUEST',
          message: 'Requête invalide (paramètres de l’adresse, « /limit ») : valeur maximale : 500.',
          details: { in: 'querystring', path: '/limit', reason: 'valeur maximale : 500' },
        },
      },
    ],
  },
);
export type ErrorBody = Answer<typeof errorBodySchema>;
