import { ConfigError } from './config.ts';
import { startServer } from './index.ts';

/** `pnpm start` entry: start, log the URL, shut down cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const started = performance.now();
  const server = await startServer({}, { seedInBackground: true });
  const since = () => ((performance.now() - started) / 1000).toFixed(1);
  if (server.services.seeding) {
    server.app.log.info(
      `Data-État à l’écoute sur ${server.url} (${since()} s) : chargement des données en cours…`,
    );
    void server.services.seeded.then(() =>
      server.app.log.info(`Data-État prêt en ${since()} s sur ${server.url}`),
    );
  } else {
    server.app.log.info(`Data-État prêt en ${since()} s sur ${server.url}`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info(`${signal} reçu : arrêt propre…`);
    const forced = setTimeout(() => process.exit(1), 10_000);
    forced.unref();
    await server.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Échec du démarrage de Data-État :', error);
  }
  process.exit(1);
});
