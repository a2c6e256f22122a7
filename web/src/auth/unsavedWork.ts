import { useEffect } from 'react';

/**
 * Pages holding work the server does not have yet (the dashboard editor, the account form).
 * While one is registered, a lost session asks to sign in again in place instead of sending
 * the agent to the login page, which would throw the work away.
 */
const holders = new Set<symbol>();

export function hasUnsavedWork(): boolean {
  return holders.size > 0;
}

/** Registers the calling page while `unsaved` is true. */
export function useUnsavedWork(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved) return;
    const holder = Symbol('travail non enregistré');
    holders.add(holder);
    return () => {
      holders.delete(holder);
    };
  }, [unsaved]);
}
