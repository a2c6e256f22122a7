import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { type Dashboard, dashboardKeys, fetchDashboard, saveDashboard } from '../api/dashboards.ts';
import type { EditorDocument } from './editorDocument.ts';

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'error' | 'conflict';

export const AUTOSAVE_DELAY_MS = 1500;

interface SaveState {
  /** The last document the server has. */
  readonly saved: EditorDocument;
  readonly version: number;
  readonly saving: boolean;
  readonly error: string | null;
  /** Someone else saved first (409): the French message; autosave stops until the user chooses. */
  readonly conflict: string | null;
}

/**
 * Saves the document ~1.5 s after the last edit, sending the version it started from. A 409
 * (someone saved in between) stops saving and keeps the local changes until the user chooses to
 * reload or to overwrite: never a silent overwrite.
 */
export function useAutosave(
  id: string,
  doc: EditorDocument,
  start: { doc: EditorDocument; version: number },
) {
  const client = useQueryClient();
  const [state, setState] = useState<SaveState>({
    saved: start.doc,
    version: start.version,
    saving: false,
    error: null,
    conflict: null,
  });
  const latest = useRef(doc);
  latest.current = doc;

  const save = useCallback(
    async (target: EditorDocument, version: number) => {
      setState((s) => ({ ...s, saving: true, error: null }));
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
        } else {
          setState((s) => ({ ...s, saving: false, error: message }));
        }
      }
    },
    [client, id],
  );

  const dirty = doc !== state.saved;
  // An empty title is refused by the server: wait until the user writes one.
  const savable = doc.title.trim() !== '';
  // `doc` restarts the delay at every edit (debounce): saved 1.5 s after the last one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: doc is the debounce trigger
  useEffect(() => {
    if (!dirty || !savable || state.saving || state.conflict || state.error) return;
    const timer = window.setTimeout(() => void save(latest.current, state.version), AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [dirty, savable, doc, state.saving, state.conflict, state.error, state.version, save]);

  // Leaving with unsaved changes: the browser asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const status: SaveStatus = state.conflict
    ? 'conflict'
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
