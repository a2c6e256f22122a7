import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { type Dashboard, dashboardKeys, fetchDashboard, saveDashboard } from '../api/dashboards.ts';
import { useAuth } from '../auth/AuthProvider.tsx';
import { useSessionKeepAlive } from '../auth/keepAlive.ts';
import { useUnsavedWork } from '../auth/unsavedWork.ts';
import { useDraft } from '../drafts/useDraft.ts';
import type { EditorDocument } from './editorDocument.ts';
import { dashboardDraftKey, isEditorDocument, sameDocument } from './editorDraft.ts';

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'error' | 'conflict' | 'signin';

export const AUTOSAVE_DELAY_MS = 1500;

interface SaveState {
  /** The last document the server has. */
  readonly saved: EditorDocument;
  readonly version: number;
  readonly saving: boolean;
  readonly error: string | null;
  /** Someone else saved first (409): the French message; autosave stops until the user chooses. */
  readonly conflict: string | null;
  /** The session expired during a save: waiting for the agent to sign in again. */
  readonly signedOut: boolean;
}

export const SESSION_LOST_MESSAGE =
  'Votre session a expiré. Vos modifications sont gardées dans cette page et dans ce navigateur : reconnectez-vous pour les enregistrer.';

/**
 * Saves the document ~1.5 s after the last edit, sending the version it started from. A 409
 * (someone saved in between) stops saving and keeps the local changes until the user chooses to
 * reload or to overwrite: never a silent overwrite. A 401 (session expired) keeps them too, asks
 * to sign in again over the page, then saves. Until the server has them, the changes are also
 * kept in the browser (a reload or a crash offers them back), and the session is kept alive
 * while the tab is visible.
 */
export function useAutosave(
  id: string,
  doc: EditorDocument,
  start: { doc: EditorDocument; version: number },
) {
  const client = useQueryClient();
  const { user, signInAgain } = useAuth();
  const [state, setState] = useState<SaveState>({
    saved: start.doc,
    version: start.version,
    saving: false,
    error: null,
    conflict: null,
    signedOut: false,
  });
  const latest = useRef(doc);
  latest.current = doc;
  const versionRef = useRef(state.version);
  versionRef.current = state.version;

  const save = useCallback(
    async (target: EditorDocument, version: number) => {
      setState((s) => ({ ...s, saving: true, error: null, signedOut: false }));
      try {
        const saved: Dashboard = await saveDashboard(id, {
          title: target.title,
          description: target.description,
          definition: target.definition,
          version,
        });
        client.setQueryData(dashboardKeys.one(id), saved);
        void client.invalidateQueries({ queryKey: ['dashboards', 'list'] });
        void client.invalidateQueries({ queryKey: dashboardKeys.versions(id) });
        setState((s) => ({ ...s, saved: target, version: saved.version, saving: false }));
      } catch (error) {
        const message =
          error instanceof ApiError
            ? error.message
            : 'L’enregistrement a échoué. Vos modifications sont gardées dans cette page.';
        if (error instanceof ApiError && error.status === 409) {
          setState((s) => ({ ...s, saving: false, conflict: message }));
        } else if (error instanceof ApiError && error.code === 'AUTH_REQUIRED') {
          setState((s) => ({ ...s, saving: false, error: SESSION_LOST_MESSAGE, signedOut: true }));
          // Signed in again as the same agent: save what is on screen now, from the same version.
          if (await signInAgain()) await save(latest.current, versionRef.current);
        } else {
          setState((s) => ({ ...s, saving: false, error: message }));
        }
      }
    },
    [client, id, signInAgain],
  );

  const dirty = doc !== state.saved;
  const draft = useDraft({
    key: user ? dashboardDraftKey(user.id, id) : null,
    data: doc,
    baseVersion: state.version,
    unsaved: dirty,
    isData: isEditorDocument,
    differs: (stored) => !sameDocument(stored, start.doc),
  });
  // Nothing is saved before the agent chose what to do with a draft found in the browser.
  const paused = !draft.ready || draft.offered !== null;
  useUnsavedWork(dirty || draft.offered !== null);
  useSessionKeepAlive(true);
  // An empty title is refused by the server: wait until the user writes one.
  const savable = doc.title.trim() !== '';
  // `doc` restarts the delay at every edit (debounce): saved 1.5 s after the last one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: doc is the debounce trigger
  useEffect(() => {
    if (!dirty || !savable || paused || state.saving || state.conflict || state.error) return;
    const timer = window.setTimeout(() => void save(latest.current, state.version), AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [dirty, savable, paused, doc, state.saving, state.conflict, state.error, state.version, save]);

  // Leaving with unsaved changes: the browser asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const status: SaveStatus = state.conflict
    ? 'conflict'
    : state.signedOut
      ? 'signin'
      : state.error
        ? 'error'
        : state.saving
          ? 'saving'
          : dirty
            ? 'dirty'
            : 'saved';

  return {
    status,
    version: state.version,
    error: state.error,
    conflict: state.conflict,
    /** A draft of this dashboard kept by the browser, offered back (null: none). */
    draft: draft.offered,
    /** Takes the draft back: its document, saved from the version it started from. */
    resumeDraft: (): EditorDocument | null => {
      const resumed = draft.resume();
      if (!resumed) return null;
      setState((s) => ({ ...s, version: resumed.baseVersion }));
      return resumed.data;
    },
    ignoreDraft: draft.ignore,
    /** Save now (after an error, or « Enregistrer » pressed). */
    retry: () => void save(latest.current, state.version),
    /** Conflict: keep my changes, written over the newer version the server has. */
    overwrite: async () => {
      try {
        const current = await fetchDashboard(id);
        setState((s) => ({ ...s, conflict: null }));
        await save(latest.current, current.version);
      } catch (error) {
        setState((s) => ({
          ...s,
          error: error instanceof ApiError ? error.message : 'Le serveur est injoignable.',
        }));
      }
    },
  };
}
