import { describe, expect, it } from 'vitest';
import { KEEP_ALIVE_MAX_MS, KEEP_ALIVE_MIN_MS, keepAliveDelay } from './keepAlive.ts';

/** Simulates the server: renews (to a full lifetime) a session with less than half of it left. */
function survives(minutes: number, hours: number): boolean {
  const life = minutes * 60_000;
  let now = 0;
  let expiresAt = life;
  while (now < hours * 3_600_000) {
    now += keepAliveDelay(expiresAt, now);
    if (now >= expiresAt) return false;
    if (expiresAt - now < life / 2) expiresAt = now + life;
  }
  return true;
}

describe('session keep-alive', () => {
  it('asks often enough to reach the renewal window of any configured session length', () => {
    for (const minutes of [2, 5, 15, 60, 24 * 60]) expect(survives(minutes, 3), `${minutes} min`).toBe(true);
  });

  it('stays light: at most every 3 minutes for long sessions, never a burst near the end', () => {
    expect(keepAliveDelay(15 * 60_000, 0)).toBe(KEEP_ALIVE_MAX_MS);
    expect(keepAliveDelay(10_000, 0)).toBe(KEEP_ALIVE_MIN_MS);
    expect(keepAliveDelay(2 * 60_000, 0)).toBe(40_000);
  });
});
