import { useEffect, useState } from 'react';
import { useAuth } from './AuthProvider.tsx';

/** Bounds of the wait between two session checks. */
export const KEEP_ALIVE_MIN_MS = 15_000;
export const KEEP_ALIVE_MAX_MS = 3 * 60_000;

/**
 * Wait before the next `GET /api/me`. The server renews a session with less than half of its
 * life left (DATAETAT_SESSION_MINUTES, 15 by default, 2 at least): asking every third of what
 * is left, at most every 3 minutes, always asks at least once in that second half.
 */
export function keepAliveDelay(expiresAt: number, now: number): number {
  const left = expiresAt - now;
  return Math.min(KEEP_ALIVE_MAX_MS, Math.max(KEEP_ALIVE_MIN_MS, left / 3));
}

/**
 * Keeps the session alive while `active` (an editor with its document open) and the tab is
 * visible: an agent thinking over a dashboard for half an hour does not lose their session.
 * A hidden tab does not ask; it asks as soon as it is shown again if a check was due.
 */
export function useSessionKeepAlive(active: boolean): void {
  const { expiresAt, renew } = useAuth();
  const [round, setRound] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: round restarts the wait after each check
  useEffect(() => {
    if (!active || !expiresAt) return;
    const due = Date.now() + keepAliveDelay(Date.parse(expiresAt), Date.now());
    let done = false;
    const check = () => {
      if (done || document.visibilityState !== 'visible' || Date.now() < due) return;
      done = true;
      void renew().finally(() => setRound((r) => r + 1));
    };
    const timer = window.setTimeout(check, due - Date.now());
    document.addEventListener('visibilitychange', check);
    return () => {
      done = true;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', check);
    };
  }, [active, expiresAt, renew, round]);
}
