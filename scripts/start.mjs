// `npm start` / `pnpm start`: install if needed, build the web app and the server if needed, start
// the compiled server (plain JavaScript: no TypeScript runtime while it starts or runs).
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ensureInstalled, ensureWebBuilt, newestMtime, pnpmCommand, root } from './toolchain.mjs';

const pnpm = pnpmCommand();
ensureInstalled(pnpm);
ensureWebBuilt(pnpm);

// Imported only now: esbuild comes with the installation above.
const { buildServer, SERVER_BUNDLE } = await import('./build-server.mjs');
const built = existsSync(SERVER_BUNDLE) ? statSync(SERVER_BUNDLE).mtimeMs : 0;
const sources = Math.max(
  ...['server/src', 'widgets/src', 'dashboards/src', 'pnpm-lock.yaml'].map((p) => {
    const full = path.join(root, p);
    return statSync(full).isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
  }),
);
if (sources > built) await buildServer();

const server = spawn(process.execPath, ['--enable-source-maps', SERVER_BUNDLE], {
  stdio: 'inherit',
  cwd: root,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
