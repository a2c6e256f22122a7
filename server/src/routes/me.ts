import { sessionInfoSchema } from '@dataetat/widgets';
import { identityOf } from '../auth/context.ts';
import { csrfTokenOf } from '../auth/session.ts';
import type { ApiPlugin } from '../plugins/contracts.ts';
import { toPublicUser } from '../users/types.ts';

/** The signed-in user, with the CSRF token (so a reloaded page can still write). */
export const meRoutes: ApiPlugin = async (app) => {
  app.get(
    '/me',
    {
      config: { access: 'lecteur' },
      schema: {
        tags: ['Session'],
        summary: 'Personne connectée',
        description: 'Le compte de la session, son jeton anti-falsification (CSRF) et la fin de la session.',
        response: { 200: sessionInfoSchema },
      },
    },
    async (request) => {
      // The row the session was just checked against (SessionUsers): reading it again cost a
      // store round trip per page load, 20–40 ms after an idle gap.
      const { user, session } = identityOf(request);
      return {
        user: toPublicUser(user),
        csrfToken: csrfTokenOf(app.services.jwtSecret, session.sid),
        expiresAt: new Date(session.exp * 1000).toISOString(),
      };
    },
  );
};
