import type { AuditPage as AuditPageAnswer } from '@dataetat/widgets';
import { ApiError, request } from '../api/client.ts';
import type { AuthMethods, Role, SessionInfo, User } from './types.ts';

const json = (body: unknown): RequestInit => ({
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

export function login(email: string, password: string): Promise<SessionInfo> {
  return request<SessionInfo>('/api/auth/login', { method: 'POST', ...json({ email, password }) });
}

export function logout(): Promise<void> {
  return request<void>('/api/auth/logout', { method: 'POST' });
}

/** The current session, or null when nobody is signed in. */
export async function fetchSession(signal?: AbortSignal): Promise<SessionInfo | null> {
  try {
    return await request<SessionInfo>('/api/me', { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function fetchAuthMethods(signal?: AbortSignal): Promise<AuthMethods> {
  return request<AuthMethods>('/api/auth/methods', { signal });
}

export async function fetchUsers(signal?: AbortSignal): Promise<readonly User[]> {
  return (await request<{ users: User[] }>('/api/users', { signal })).users;
}

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly scope: string;
  readonly password?: string;
}

export async function createUser(user: NewUser): Promise<User> {
  return (await request<{ user: User }>('/api/users', { method: 'POST', ...json(user) })).user;
}

export type UserChanges = Partial<Pick<User, 'name' | 'role' | 'scope' | 'status'>> & { password?: string };

export async function updateUser(id: number, changes: UserChanges): Promise<User> {
  return (await request<{ user: User }>(`/api/users/${id}`, { method: 'PATCH', ...json(changes) })).user;
}

/** One page of the filtered journal (`auditListUrl`) and the daily views of links and embeds. */
export function fetchAudit(url: string, signal?: AbortSignal): Promise<AuditPageAnswer> {
  return request<AuditPageAnswer>(url, { signal });
}
