import { IdParam, publicUserSchema, SafeText, TEXT_LIMITS } from '@dataetat/widgets';
import Type, { type Static } from 'typebox';
import { recordAudit } from '../audit/record.ts';
import { identityOf } from '../auth/context.ts';
import { hashPassword } from '../auth/password.ts';
import { USER_ROLES } from '../auth/roles.ts';
import { AppError } from '../errors.ts';
import type { ApiPlugin } from '../plugins/contracts.ts';
import { checkPasswordStrength, checkScope } from '../users/policy.ts';
import type { UserChanges } from '../users/repository.ts';
import { normaliseEmail, toPublicUser } from '../users/types.ts';

/** Something@somewhere, without spaces (NUL and lone surrogates are the input guard's). */
const EMAIL_PATTERN = '^[^@\\s]+@[^@\\s]+$';

const fields = {
  name: SafeText({ minLength: 1, maxLength: TEXT_LIMITS.name }),
  role: Type.Enum(USER_ROLES),
  scope: Type.String({
    minLength: 2,
    maxLength: 3,
    description: 'NAT (national) ou code de région (ex. 53).',
  }),
  password: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.password }),
};

const createBodySchema = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: TEXT_LIMITS.email, pattern: EMAIL_PATTERN }),
    name: fields.name,
    role: fields.role,
    scope: fields.scope,
    password: Type.Optional(
      Type.String({ ...fields.password, description: 'Absent : le compte se connecte seulement par OIDC.' }),
    ),
  },
  { additionalProperties: false },
);

const updateBodySchema = Type.Object(
  {
    name: Type.Optional(fields.name),
    role: Type.Optional(fields.role),
    scope: Type.Optional(fields.scope),
    status: Type.Optional(Type.Enum(['active', 'disabled'])),
    password: Type.Optional(fields.password),
  },
  { additionalProperties: false, minProperties: 1 },
);
type UpdateBody = Static<typeof updateBodySchema>;

const userAnswer = Type.Object({ user: publicUserSchema }, { additionalProperties: false });

/** Account management, administrators only. */
export const userRoutes: ApiPlugin = async (app) => {
  const { users } = app.services;

  app.get(
    '/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['Administration'],
        summary: 'Comptes',
        response: {
          200: Type.Object({ users: Type.Array(publicUserSchema) }, { additionalProperties: false }),
        },
      },
    },
    async () => ({ users: (await users.list()).map(toPublicUser) }),
  );

  app.post(
    '/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['Administration'],
        summary: 'Créer un compte',
        description: 'Rôle, territoire et, pour une connexion locale, un mot de passe. Journalisé.',
        body: createBodySchema,
        response: { 201: userAnswer },
      },
    },
    async (request, reply) => {
      const { password, ...body } = request.body;
      const email = normaliseEmail(body.email);
      await checkScope(app.services, body.scope);
      if (password !== undefined) checkPasswordStrength(password);
      if (await users.byEmail(email)) throw new AppError('USER_EMAIL_TAKEN', { email });
      const created = await users.create({
        ...body,
        email,
        name: body.name.trim(),
        passwordHash: password === undefined ? null : await hashPassword(password),
      });
      await recordAudit(request, 'user_created', {
        target: created.email,
        details: { role: created.role, scope: created.scope },
      });
      return reply.status(201).send({ user: toPublicUser(created) });
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['Administration'],
        summary: 'Modifier un compte',
        description:
          'Nom, rôle, territoire, état ou mot de passe. Un administrateur ne peut pas se retirer ses propres droits. Journalisé.',
        params: IdParam,
        body: updateBodySchema,
        response: { 200: userAnswer },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { password, ...body } = request.body;
      const existing = await users.byId(id);
      if (!existing) throw new AppError('USER_NOT_FOUND', { id });
      // An administrator cannot lock themselves out; another one must do it.
      if (
        id === identityOf(request).user.id &&
        (body.status === 'disabled' || (body.role !== undefined && body.role !== 'admin'))
      ) {
        throw new AppError('USER_SELF_LOCKOUT');
      }
      if (body.scope !== undefined) await checkScope(app.services, body.scope);
      if (password !== undefined) checkPasswordStrength(password);
      const changes: UserChanges = {
        ...body,
        ...(body.name !== undefined && { name: body.name.trim() }),
        ...(password !== undefined && { passwordHash: await hashPassword(password) }),
      };
      const updated = await users.update(id, changes);
      if (!updated) throw new AppError('USER_NOT_FOUND', { id });
      await recordAudit(request, 'user_updated', {
        target: updated.email,
        details: {
          ...Object.fromEntries(
            Object.entries(body).map(([key, value]) => [
              key,
              { from: existing[key as keyof Omit<UpdateBody, 'password'>], to: value },
            ]),
          ),
          ...(password !== undefined && { password: 'modifié' }),
        },
      });
      return { user: toPublicUser(updated) };
    },
  );
};
