import { useCallback, useEffect, useState } from 'react';
import { browserStorage, type Draft, type DraftKey, dropDraft, readDraft, writeDraft } from './draftStore.ts';

export interface DraftOptions<T> {
  /** Where the draft lives; null while the user is unknown (nothing read or written). */
  readonly key: DraftKey | null;
  /** The work on screen. */
  readonly data: T;
  /** The server version it started from. */
  readonly baseVersion: number;
  /** True while the server does not have `data`: written then, dropped once saved. */
  readonly unsaved: boolean;
  /** Accepts a stored value as this form's data (storage is input like any other). */
  readonly isData: (value: unknown) => value is T;
  /** Whether a stored draft differs from what the server has (otherwise it is just dropped). */
  readonly differs: (stored: T) => boolean;
}

/**
 * Keeps unsaved work in the browser as it changes, and finds the draft a previous page left
 * (reload, crash, sign-in through the identity provider) to offer it back. While the offer is
 * open, nothing is written, so the stored draft is not replaced before the agent chooses.
 */
export function useDraft<T>({ key, data, baseVersion, unsaved, isData, differs }: DraftOptions<T>) {
  const storageKey = key ? `${key.kind}:${key.userId}:${key.id}` : null;
  const [offered, setOffered] = useState<Draft<T> | null>(null);
  const [checked, setChecked] = useState<string | null>(null);

  // Read once per key, before anything is written under it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: storageKey stands for key
  useEffect(() => {
    if (!key || checked === storageKey) return;
    const found = readDraft(browserStorage(), key, isData);
    if (found && differs(found.data)) setOffered(found);
    else if (found) dropDraft(browserStorage(), key);
    setChecked(storageKey);
  }, [storageKey]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: storageKey stands for key
  useEffect(() => {
    if (!key || checked !== storageKey || offered) return;
    if (unsaved) writeDraft(browserStorage(), key, { savedAt: Date.now(), baseVersion, data });
    else dropDraft(browserStorage(), key);
  }, [storageKey, checked, offered, unsaved, data, baseVersion]);

  /** Takes the offered draft back (the caller puts its data on screen). */
  const resume = useCallback((): Draft<T> | null => {
    const draft = offered;
    setOffered(null);
    return draft;
  }, [offered]);

  /** Forgets the offered draft for good. */
  const ignore = useCallback(() => {
    if (key) dropDraft(browserStorage(), key);
    setOffered(null);
  }, [key]);

  return { offered, resume, ignore, ready: checked === storageKey };
}
