import type { FastifyPluginAsync } from 'fastify';
import { identityOf } from '../auth/context.ts';
import { csrfTokenOf } from '../auth/session.ts';
import { AppError } from '../errors.ts';
import { toPublicUser } from '../users/types.ts';

/** The signed-in user, with the CSRF token (so a reloaded page can still write). */
export const meRoutes: FastifyPluginAsync = async (app) => {
  app.get('/me', { config: { access: 'lecteur' } }, async (request) => {
    const { user, session } = identityOf(request);
    const row = await app.services.users.byId(user.id);
    if (!row) throw new AppError('AUTH_REQUIRED');
    return {
      user: toPublicUser(row),
      csrfToken: csrfTokenOf(app.services.jwtSecret, session.sid),
      expiresAt: new Date(session.exp * 1000).toISOString(),
    };
  });
};
