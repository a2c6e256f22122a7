// Shared by start.mjs and test.mjs: find pnpm (or run it through npx), install, build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '12.21.0';

function works(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore', shell: false });
  return result.status === 0;
}

/** `pnpm` when installed, else the same version through npx (only Node and npm needed). */
export function pnpmCommand() {
  if (works('pnpm', ['--version'])) return ['pnpm'];
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

export function run(command, args, options = {}) {
  const [bin, ...prefix] = command;
  console.log(`\n› ${[...command, ...args].join(' ')}`);
  const result = spawnSync(bin, [...prefix, ...args], { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    console.error(`\nÉchec : ${[...command, ...args].join(' ')} (code ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

export function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

export function ensureInstalled(pnpm) {
  const marker = path.join(root, 'node_modules/.modules.yaml');
  const lock = path.join(root, 'pnpm-lock.yaml');
  if (!existsSync(marker) || statSync(lock).mtimeMs > statSync(marker).mtimeMs) {
    run(pnpm, ['install', '--frozen-lockfile']);
  }
}

/** Builds the web app when it was never built or its sources (or widgets') changed since. */
export function ensureWebBuilt(pnpm) {
  const index = path.join(root, 'web/dist/index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(newestMtime(path.join(root, 'web')), newestMtime(path.join(root, 'widgets/src')));
  if (sources > built) run(pnpm, ['build']);
}
