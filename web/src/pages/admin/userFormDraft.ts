/** The account form's draft (drafts/draftStore.ts): never the password, which stays in the page. */
import { ROLES, type Role } from '../../auth/types.ts';
import type { DraftKey } from '../../drafts/draftStore.ts';
import type { UserFormValues } from './UserForm.tsx';

export type UserFormDraft = Omit<UserFormValues, 'password'>;

export const USER_FORM_DRAFT_KIND = 'utilisateur';
/** Draft id of the creation form (edits use the account id). */
export const NEW_USER_DRAFT_ID = 'nouveau';

export const userDraftKey = (adminId: number, id: string): DraftKey => ({
  kind: USER_FORM_DRAFT_KIND,
  userId: adminId,
  id,
});

const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.length <= max;

export function isUserFormDraft(value: unknown): value is UserFormDraft {
  if (typeof value !== 'object' || value === null) return false;
  const { email, name, role, scope } = value as Record<string, unknown>;
  return isText(email, 254) && isText(name, 200) && ROLES.includes(role as Role) && isText(scope, 20);
}

export function draftOf(values: UserFormValues): UserFormDraft {
  return { email: values.email, name: values.name, role: values.role, scope: values.scope };
}

export const sameDraft = (a: UserFormDraft, b: UserFormDraft) =>
  a.email === b.email && a.name === b.name && a.role === b.role && a.scope === b.scope;
