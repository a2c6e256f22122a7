import { authMethodsSchema, sessionInfoSchema } from '@dataetat/widgets';
import type { FastifyReply } from 'fastify';
import Type, { type Static } from 'typebox';
import { recordAudit } from '../audit/record.ts';
import { identityOf } from '../auth/context.ts';
import { checkPassword, openSession } from '../auth/login.ts';
import { OidcClient, OidcLoginError, type OidcTransaction } from '../auth/oidc.ts';
import { clearSession } from '../auth/session.ts';
import { AppError } from '../errors.ts';
import { type ApiPlugin, emptyAnswer } from '../plugins/contracts.ts';
import { isValidScope } from '../users/regions.ts';
import { normaliseEmail } from '../users/types.ts';

const OIDC_COOKIE = 'dataetat_oidc';
const OIDC_COOKIE_PATH = '/api/auth/oidc';

/** Only a path of this site (not `//evil.example`): no open redirect after login. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) && value.length <= 2000 ? value : '/';
}

const loginBodySchema = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254, examples: ['lecteur@demo.local'] }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
type LoginBody = Static<typeof loginBodySchema>;

/** OIDC steps answer with redirections (to the provider, then back into the app). */
const redirect = { 302: emptyAnswer('Redirection (en-tête Location).') };

export const authRoutes: ApiPlugin = async (app) => {
  const { settings, users } = app.services;
  const oidc = settings.oidc ? new OidcClient(settings.oidc) : null;

  app.get(
    '/auth/methods',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Session'],
        summary: 'Moyens de connexion',
        description: 'Mot de passe local, et fournisseur d’identité (OIDC) s’il est configuré.',
        security: [],
        response: { 200: authMethodsSchema },
      },
    },
    async () => ({ password: true, oidc: oidc !== null }),
  );

  // Per address, whatever the e-mail: stops spraying one password over many accounts.
  const perAddress = app.createRateLimit({
    max: settings.loginRateLimitPerAddress,
    timeWindow: 60_000,
    keyGenerator: (request) => `login-address|${request.ip}`,
  });

  app.post(
    '/auth/login',
    {
      preHandler: async (request) => {
        const limit = await perAddress(request);
        if (!limit.isAllowed && limit.isExceeded) {
          throw new AppError('AUTH_RATE_LIMITED', { seconds: Math.max(1, Math.ceil(limit.ttl / 1000)) });
        }
      },
      config: {
        access: 'public',
        // Per address and e-mail: slows password guessing without locking out a whole
        // préfecture behind one proxy.
        rateLimit: {
          max: settings.loginRateLimit,
          timeWindow: 60_000,
          hook: 'preHandler',
          keyGenerator: (request) => {
            const email = (request.body as Partial<LoginBody> | undefined)?.email;
            return `${request.ip}|${typeof email === 'string' ? normaliseEmail(email) : ''}`;
          },
          errorResponseBuilder: (_request, context) =>
            new AppError('AUTH_RATE_LIMITED', { seconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
        },
      },
      schema: {
        tags: ['Session'],
        summary: 'Connexion par mot de passe',
        description:
          'Ouvre une session (cookie httpOnly) et renvoie le jeton anti-falsification. Limité en nombre d’essais par adresse et courriel (429).',
        security: [],
        body: loginBodySchema,
        response: { 200: sessionInfoSchema },
      },
    },
    async (request, reply) => {
      const user = await checkPassword(request, request.body.email, request.body.password);
      return openSession(request, reply, user, 'password');
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'lecteur' },
      schema: {
        tags: ['Session'],
        summary: 'Déconnexion',
        description: 'Ferme toutes les sessions du compte.',
        response: { 204: emptyAnswer('Session fermée.') },
      },
    },
    async (request, reply) => {
      const { user } = identityOf(request);
      await users.revokeSessions(user.id);
      await recordAudit(request, 'logout');
      clearSession(reply, app.sessionOptions);
      return reply.status(204).send(null);
    },
  );

  function failOidc(reply: FastifyReply, reason: string) {
    return reply.redirect(`/connexion?erreur=${encodeURIComponent(reason)}`);
  }

  app.get(
    '/auth/oidc/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Session'],
        summary: 'Connexion par le fournisseur d’identité (OIDC)',
        description: 'Redirige vers le fournisseur ; `retour` est la page de l’application où revenir.',
        security: [],
        querystring: Type.Object({ retour: Type.Optional(Type.String({ maxLength: 2000 })) }),
        response: redirect,
      },
    },
    async (request, reply) => {
      if (!oidc) throw new AppError('AUTH_OIDC_DISABLED');
      let authorization: Awaited<ReturnType<OidcClient['authorizationRequest']>>;
      try {
        authorization = await oidc.authorizationRequest(safeReturnPath(request.query.retour));
      } catch (error) {
        request.log.warn({ err: error }, 'connexion OIDC impossible');
        return failOidc(reply, error instanceof OidcLoginError ? error.reason : 'oidc_provider');
      }
      // Lax (not Strict): the provider's redirect back is a cross-site navigation.
      reply.setCookie(OIDC_COOKIE, JSON.stringify(authorization.transaction), {
        path: OIDC_COOKIE_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure: settings.cookieSecure,
        signed: true,
        maxAge: 600,
      });
      return reply.redirect(authorization.url);
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Session'],
        summary: 'Retour du fournisseur d’identité (OIDC)',
        description: 'Ouvre la session puis redirige vers l’application (ou vers /connexion avec l’erreur).',
        security: [],
        querystring: Type.Object({
          code: Type.Optional(Type.String({ maxLength: 4096 })),
          state: Type.Optional(Type.String({ maxLength: 1024 })),
          error: Type.Optional(Type.String({ maxLength: 1024 })),
        }),
        response: redirect,
      },
    },
    async (request, reply) => {
      if (!oidc) throw new AppError('AUTH_OIDC_DISABLED');
      const transaction = readTransaction(request.unsignCookie(request.cookies[OIDC_COOKIE] ?? ''));
      reply.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
      const { code, state } = request.query;
      if (!transaction || !state || state !== transaction.state || transaction.expiresAt < Date.now()) {
        return failOidc(reply, 'oidc_transaction');
      }
      if (!code)
        return failOidc(reply, request.query.error === 'access_denied' ? 'oidc_refus' : 'oidc_token');
      try {
        const account = await oidc.finish(code, transaction);
        if (!(await isValidScope(app.services, account.scope))) {
          throw new OidcLoginError('oidc_claims', `Territoire « ${account.scope} » inconnu du référentiel.`);
        }
        let user = (await users.byOidcSubject(account.subject)) ?? (await users.byEmail(account.email));
        if (user && user.oidcSubject !== account.subject && !account.emailVerified) {
          // Linking to an existing account by address needs an address the provider verified.
          throw new OidcLoginError('oidc_claims', 'Adresse électronique non vérifiée par le fournisseur.');
        }
        const fromProvider = { name: account.name, role: account.role, scope: account.scope };
        if (!user) {
          user = await users.create({ email: account.email, ...fromProvider, oidcSubject: account.subject });
          await recordAudit(request, 'user_created', {
            actorId: user.id,
            actorEmail: user.email,
            target: user.email,
            details: { via: 'oidc', ...fromProvider },
          });
        } else {
          // The provider is the source of truth for role and territory.
          user =
            (await users.update(user.id, {
              ...fromProvider,
              ...(user.oidcSubject !== account.subject && { oidcSubject: account.subject }),
            })) ?? user;
        }
        await openSession(request, reply, user, 'oidc');
        return reply.redirect(transaction.returnTo);
      } catch (error) {
        if (error instanceof AppError && error.code === 'AUTH_ACCOUNT_DISABLED') {
          return failOidc(reply, 'compte_desactive');
        }
        if (!(error instanceof OidcLoginError)) throw error;
        request.log.warn({ reason: error.reason }, error.message);
        await recordAudit(request, 'login_failed', {
          outcome: 'failure',
          details: { method: 'oidc', reason: error.reason, message: error.message },
        });
        return failOidc(reply, error.reason);
      }
    },
  );
};

function readTransaction(cookie: { valid: boolean; value: string | null }): OidcTransaction | null {
  if (!cookie.valid || !cookie.value) return null;
  try {
    const parsed = JSON.parse(cookie.value) as Partial<OidcTransaction>;
    if (
      typeof parsed.state !== 'string' ||
      typeof parsed.nonce !== 'string' ||
      typeof parsed.verifier !== 'string' ||
      typeof parsed.expiresAt !== 'number'
    ) {
      return null;
    }
    return { ...parsed, returnTo: safeReturnPath(parsed.returnTo) } as OidcTransaction;
  } catch {
    return null;
  }
}
