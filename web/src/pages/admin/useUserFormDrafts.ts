import { useMemo } from 'react';
import { browserStorage, dropDraft, listDraftIds } from '../../drafts/draftStore.ts';
import { NEW_USER_DRAFT_ID, USER_FORM_DRAFT_KIND, userDraftKey } from './userFormDraft.ts';

const formOf = (id: string): number | 'new' | null =>
  id === NEW_USER_DRAFT_ID ? 'new' : /^\d{1,10}$/.test(id) ? Number(id) : null;

/** The account form to open on arrival: one whose draft this browser kept (creation first). */
export function openDraftedForm(adminId: number | undefined): number | 'new' | null {
  if (adminId === undefined) return null;
  const ids = listDraftIds(browserStorage(), USER_FORM_DRAFT_KIND, adminId);
  const first = ids.includes(NEW_USER_DRAFT_ID) ? NEW_USER_DRAFT_ID : ids[0];
  return first === undefined ? null : formOf(first);
}

/** Drops a form's draft once the server has it. */
export function useUserFormDrafts(adminId: number | undefined) {
  return useMemo(
    () => ({
      saved(form: number | 'new') {
        if (adminId === undefined) return;
        dropDraft(browserStorage(), userDraftKey(adminId, form === 'new' ? NEW_USER_DRAFT_ID : String(form)));
      },
    }),
    [adminId],
  );
}
