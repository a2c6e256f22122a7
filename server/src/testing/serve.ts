/**
 * A real server process for tests that kill it (imports/crash.test.ts): settings from the
 * environment, port chosen by the system, no geo warm-up; prints `LISTENING <url>` once ready.
 */
import pino from 'pino';
import { buildApp } from '../app.ts';
import { loadSettings } from '../config.ts';
import { openServices } from '../services.ts';

const settings = loadSettings(process.env, { port: 0, host: '127.0.0.1' });
const services = await openServices(settings, pino({ level: settings.logLevel }));
const app = await buildApp(services, { logger: false });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`LISTENING ${url}\n`);

// A clean stop on SIGTERM (the engines closed, a `--cpu-prof` profile written); SIGKILL stays brutal.
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => services.close())
    .finally(() => process.exit(0));
});
