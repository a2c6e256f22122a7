// `npm test` / `pnpm test`: every check, in the order a reviewer would run them.
import { existsSync } from 'node:fs';
import { ensureInstalled, pnpmCommand, run } from './toolchain.mjs';

const pnpm = pnpmCommand();
ensureInstalled(pnpm);
run(pnpm, ['lint']);
run(pnpm, ['typecheck']);
run(pnpm, ['exec', 'vitest', 'run']);
if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  console.error(
    '\nChromium est introuvable (/usr/bin/chromium) : les tests de bout en bout en ont besoin.\n' +
      'Installez-le (Debian : apt-get install -y chromium) ou indiquez CHROMIUM_PATH.',
  );
  process.exit(1);
}
run(pnpm, ['build']);
run(pnpm, ['--filter', '@dataetat/e2e', 'test']);
