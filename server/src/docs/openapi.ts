/**
 * The OpenAPI 3.1 document of /api, made by @fastify/swagger from the route contracts: French
 * summaries and tags, the session cookie and the CSRF header as security schemes, each route's
 * `config.access` stated (public routes need no session).
 */
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import type { Access } from '../auth/roles.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../auth/session.ts';

const ACCESS_NAMES: Record<Access, string> = {
  public: 'public, sans session',
  lecteur: 'toute personne connectée (lecteur et plus)',
  editeur: 'éditeur ou administrateur',
  admin: 'administrateur',
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const API_TAGS = [
  { name: 'Session', description: 'Connexion, déconnexion, personne connectée.' },
  { name: 'Données', description: 'Catalogue, requêtes, exports, valeurs et référentiels.' },
  { name: 'Tableaux de bord', description: 'Lire, créer, modifier, versions et corbeille.' },
  {
    name: 'Partage',
    description:
      'Partage nommé (lecture ou modification), liens de partage et intégrations : créer, lister, révoquer.',
  },
  { name: 'Cartes', description: 'Contours et tuiles (données publiques de l’IGN et de l’Insee).' },
  {
    name: 'Imports',
    description:
      'Importer des extractions Chorus (administrateurs) : dépôt analysé avant toute écriture, confirmation, suivi, rapport, historique.',
  },
  { name: 'Administration', description: 'Comptes et journal d’audit (administrateurs).' },
  { name: 'Supervision', description: 'État du service.' },
  { name: 'Documentation', description: 'Ce document et sa page.' },
];

const DESCRIPTION = `API de Data-État : tableaux de bord des finances publiques territoriales.

**Session.** Connectez-vous avec \`POST /api/auth/login\` (ou par le fournisseur d’identité) : la
réponse pose le cookie httpOnly \`${SESSION_COOKIE}\` et donne un \`csrfToken\`. Toute requête qui
modifie quelque chose (POST, PUT, PATCH, DELETE) renvoie ce jeton dans l’en-tête \`${CSRF_HEADER}\`.

**Territoire.** Les données suivent le territoire du compte (national ou une région) : une même
requête peut donner des chiffres différents selon la personne connectée.

**Erreurs.** Toujours \`{ "error": { "code", "message", "details" } }\` : un code stable, un
message en français et, pour une valeur refusée, son chemin JSON (\`details.path\`).`;

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'API Data-État', version, description: DESCRIPTION },
      tags: API_TAGS,
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: 'Cookie de session posé par la connexion.',
          },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: CSRF_HEADER,
            description: 'Jeton anti-falsification (csrfToken de la connexion ou de GET /api/me).',
          },
        },
      },
    },
    transform: ({ schema, url, route }) => {
      // The static web app is not part of the API.
      if (!url.startsWith('/api/')) return { schema: { ...schema, hide: true }, url };
      const access = route.config?.access ?? 'admin';
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const security =
        access === 'public'
          ? []
          : methods.every((m) => SAFE_METHODS.has(m))
            ? [{ session: [] }]
            : [{ session: [], csrf: [] }];
      const described = [schema?.description, `Accès : ${ACCESS_NAMES[access]}.`]
        .filter(Boolean)
        .join('\n\n');
      return { schema: { ...schema, description: described, security }, url };
    },
  });
}
