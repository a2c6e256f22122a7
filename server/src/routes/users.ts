import { IdParam } from '@dataetat/widgets';
import type { FastifyPluginAsync } from 'fastify';
import { recordAudit } from '../audit/record.ts';
import { identityOf } from '../auth/context.ts';
import { hashPassword } from '../auth/password.ts';
import { USER_ROLES, type UserRole } from '../auth/roles.ts';
import { AppError } from '../errors.ts';
import { checkPasswordStrength, checkScope } from '../users/policy.ts';
import type { UserChanges } from '../users/repository.ts';
import { normaliseEmail, toPublicUser, type UserStatus } from '../users/types.ts';

interface CreateBody {
  email: string;
  name: string;
  role: UserRole;
  scope: string;
  /** Absent: the account signs in only through OIDC. */
  password?: string;
}

interface UpdateBody {
  name?: string;
  role?: UserRole;
  scope?: string;
  status?: UserStatus;
  password?: string;
}

const fields = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  role: { type: 'string', enum: USER_ROLES },
  scope: { type: 'string', minLength: 2, maxLength: 3 },
  password: { type: 'string', minLength: 1, maxLength: 1024 },
} as const;

/** Account management, administrators only. */
export const userRoutes: FastifyPluginAsync = async (app) => {
  const { users } = app.services;

  app.get('/users', { config: { access: 'admin' } }, async () => ({
    users: (await users.list()).map(toPublicUser),
  }));

  app.post<{ Body: CreateBody }>(
    '/users',
    {
      config: { access: 'admin' },
      schema: {
        body: {
          type: 'object',
          properties: {
            email: { type: 'string', minLength: 3, maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$' },
            ...fields,
          },
          required: ['email', 'name', 'role', 'scope'],
          additionalProperties: false,
        },
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

  app.patch<{ Params: { id: number }; Body: UpdateBody }>(
    '/users/:id',
    {
      config: { access: 'admin' },
      schema: {
        params: IdParam,
        body: {
          type: 'object',
          properties: { ...fields, status: { type: 'string', enum: ['active', 'disabled'] } },
          additionalProperties: false,
          minProperties: 1,
        },
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
