import { sessionInfoSchema } from '@dataetat/widgets';
import { identityOf } from '../auth/context.ts';
import { csrfTokenOf } from '../auth/session.ts';
import { AppError } from '../errors.ts';
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
      const { user, session } = identityOf(request);
      const row = await app.services.users.byId(user.id);
      if (!row) throw new AppError('AUTH_REQUIRED');
      return {
        user: toPublicUser(row),
        csrfToken: csrfTokenOf(app.services.jwtSecret, session.sid),
        expiresAt: new Date(session.exp * 1000).toISOString(),
      };
    },
  );
};
