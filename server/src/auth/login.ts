import type { SessionInfo } from '@dataetat/widgets';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/record.ts';
import { AppError } from '../errors.ts';
import type { UserRow } from '../metadata/schema.ts';
import { isStorageFailure } from '../metadata/storage-failure.ts';
import { toPublicUser } from '../users/types.ts';
import { dummyPasswordHash, verifyPassword } from './password.ts';
import { issueSession } from './session.ts';

/**
 * Checks a local password. Unknown address, account without password, wrong password and
 * disabled account take the same path (a hash is always checked) and get the same answer, so
 * neither the message nor the timing tells who has an account or that a password was right.
 */
export async function checkPassword(
  request: FastifyRequest,
  email: string,
  password: string,
): Promise<UserRow> {
  const { users } = request.server.services;
  const user = await users.byEmail(email);
  const matches = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  const disabled = user?.status !== 'active';
  if (!user?.passwordHash || !matches || disabled) {
    await recordAudit(request, 'login_failed', {
      outcome: 'failure',
      actorId: user?.id ?? null,
      actorEmail: email.trim().toLowerCase(),
      // The journal says why; the caller is told nothing more than « incorrect ».
      details: { method: 'password', ...(user && matches && disabled && { reason: 'disabled' }) },
    });
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }
  return user;
}

/** Opens a session for an account that proved who it is; disabled accounts are refused. */
export async function openSession(
  request: FastifyRequest,
  reply: FastifyReply,
  user: UserRow,
  method: 'password' | 'oidc',
): Promise<SessionInfo> {
  const { users } = request.server.services;
  if (user.status !== 'active') {
    await recordAudit(request, 'login_failed', {
      outcome: 'failure',
      actorId: user.id,
      actorEmail: user.email,
      details: { method, reason: 'disabled' },
    });
    throw new AppError('AUTH_ACCOUNT_DISABLED');
  }
  try {
    await users.touchLogin(user.id);
  } catch (error) {
    // The last login time is informative: a full or read-only store must not lock everyone out.
    if (!isStorageFailure(error)) throw error;
    request.log.error({ err: error, userId: user.id }, 'date de dernière connexion non enregistrée');
  }
  const session = issueSession(request.server.jwt, reply, request.server.sessionOptions, user);
  await recordAudit(request, 'login', { actorId: user.id, actorEmail: user.email, details: { method } });
  return {
    user: toPublicUser({ ...user, lastLoginAt: new Date() }),
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt.toISOString(),
  };
}
