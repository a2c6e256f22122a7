import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One folder per test run for the seeded data templates (harness.ts `copySeededTemplate`):
 * created before the workers start (they inherit the variable), removed after the run.
 */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'dataetat-templates-'));
  process.env.DATAETAT_TEST_TEMPLATES = root;
  return () => rmSync(root, { recursive: true, force: true });
}
