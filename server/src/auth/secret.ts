import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Settings } from '../config.ts';

const SECRET_FILE = 'session-secret';

/**
 * The key signing session tokens: DATAETAT_JWT_SECRET, or (outside production, checked by the
 * settings) a random one kept in the data directory so sessions survive a restart.
 */
export function resolveJwtSecret(settings: Pick<Settings, 'jwtSecret' | 'dataDir'>): string {
  if (settings.jwtSecret) return settings.jwtSecret;
  const file = path.join(settings.dataDir, SECRET_FILE);
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
