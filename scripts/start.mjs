// `npm start` / `pnpm start`: install if needed, build the web app if needed, start the server.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureInstalled, ensureWebBuilt, pnpmCommand, root } from './toolchain.mjs';

const pnpm = pnpmCommand();
ensureInstalled(pnpm);
ensureWebBuilt(pnpm);

const tsx = path.join(root, 'server/node_modules/.bin/tsx');
const server = spawn(tsx, [path.join(root, 'server/src/main.ts')], { stdio: 'inherit', cwd: root });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
