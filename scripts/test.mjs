// `npm test` / `pnpm test`: every check, in the order a reviewer would run them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureInstalled, pnpmCommand, run } from './toolchain.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** As root on Debian/Ubuntu, the end-to-end tests' browser is installed rather than asked for. */
function installChromium() {
  if (existsSync(chromium) || process.env.CHROMIUM_PATH) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return;
  console.log('\nChromium est absent : installation du paquet Debian « chromium » (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'chromium'],
  ]) {
    spawnSync('apt-get', args, { stdio: 'inherit', env });
  }
}

const pnpm = pnpmCommand();
ensureInstalled(pnpm);
run(pnpm, ['lint']);
run(pnpm, ['typecheck']);
run(pnpm, ['exec', 'vitest', 'run']);
installChromium();
if (!existsSync(chromium)) {
  console.error(
    '\nChromium est introuvable (/usr/bin/chromium) : les tests de bout en bout en ont besoin.\n' +
      'Installez-le (Debian, en root : apt-get install -y chromium ; `npm test` le fait lui-même quand il tourne en root) ou indiquez CHROMIUM_PATH.',
  );
  process.exit(1);
}
run(pnpm, ['build']);
run(pnpm, ['--filter', '@dataetat/e2e', 'test']);
