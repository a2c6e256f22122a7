import { errorBodySchema } from '@dataetat/widgets';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { AppError } from '../errors.ts';
import type { DataLoad } from '../metadata/schema.ts';
import { isStorageFailure } from '../metadata/storage-failure.ts';
import type { ApiPlugin } from '../plugins/contracts.ts';
import { INTERRUPTED_LOAD_ERROR } from '../seed/runner.ts';

export const APP_VERSION = '0.1.0';
/** A store slower than this to answer `SELECT 1` is not ready. */
const CHECK_TIMEOUT_MS = 3_000;

/** One reason the instance should not receive traffic, in French for whoever reads the probe. */
export interface ReadinessProblem {
  readonly check: 'metadata' | 'warehouse' | 'dataset';
  readonly dataset?: string;
  readonly message: string;
}

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} : pas de réponse en ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const frenchDate = (date: Date) => date.toLocaleString('fr-FR', { timeZone: 'Europe/Paris' });

/** Why a load failed, without its raw message (paths, SQL): that stays for administrators. */
function failureOf(load: DataLoad): string {
  if (load.error === INTERRUPTED_LOAD_ERROR) return 'chargement interrompu par un arrêt du serveur';
  if (isStorageFailure({ message: load.error ?? '' })) return 'stockage plein ou en lecture seule';
  return 'erreur de chargement (détail dans /api/health/details, réservé aux administrateurs)';
}

/** The state of one expected dataset, from its latest attempt and its last success. */
function datasetProblem(dataset: string, latest: DataLoad | undefined, lastSuccess: DataLoad | undefined) {
  if (latest?.status === 'success') return null;
  const kept = lastSuccess?.finishedAt
    ? `les données chargées le ${frenchDate(lastSuccess.finishedAt)} restent servies`
    : 'aucune donnée n’est disponible';
  if (!latest) return `Le jeu de données « ${dataset} » n’a jamais été chargé.`;
  if (latest.status === 'running') {
    return lastSuccess ? null : `Le jeu de données « ${dataset} » est en cours de chargement.`;
  }
  return `Le dernier chargement du jeu de données « ${dataset} » a échoué le ${frenchDate(latest.finishedAt ?? latest.startedAt)} (${failureOf(latest)}) ; ${kept}.`;
}

/**
 * Readiness: both stores answer and every dataset this instance loads at start has a successful
 * latest load. Problems are listed, not thrown, so the probe names all of them at once.
 */
async function readiness(app: FastifyInstance): Promise<ReadinessProblem[]> {
  const { metadata, warehouse, loads, seedOutcomes, seeding } = app.services;
  const problems: ReadinessProblem[] = [];
  if (seeding) {
    problems.push({
      check: 'dataset',
      message:
        'Chargement des données du démarrage en cours : les jeux déjà chargés répondent, les autres suivront.',
    });
  }
  const storeName = metadata.kind === 'pglite' ? 'PGlite' : 'PostgreSQL';
  let attempts: DataLoad[] | null = null;
  let successes: DataLoad[] = [];
  try {
    await withTimeout(metadata.db.execute(sql`SELECT 1`), 'métadonnées');
    [attempts, successes] = await withTimeout(
      Promise.all([loads.latestAttemptPerDataset(), loads.latestPerDataset()]),
      'métadonnées',
    );
  } catch (error) {
    app.log.warn({ err: error }, 'sonde de disponibilité : magasin de métadonnées');
    problems.push({
      check: 'metadata',
      message: `Le magasin de métadonnées (${storeName}) ne répond pas.`,
    });
  }
  try {
    await withTimeout(warehouse.query('SELECT 1', [], { timeoutMs: CHECK_TIMEOUT_MS }), 'entrepôt');
  } catch (error) {
    app.log.warn({ err: error }, 'sonde de disponibilité : entrepôt');
    problems.push({
      check: 'warehouse',
      message: `L’entrepôt de données (${warehouse.dialect}) ne répond pas.`,
    });
  }
  if (attempts) {
    const latest = new Map(attempts.map((l) => [l.dataset, l]));
    const success = new Map(successes.map((l) => [l.dataset, l]));
    for (const { dataset } of seedOutcomes) {
      const message = datasetProblem(dataset, latest.get(dataset), success.get(dataset));
      if (message) problems.push({ check: 'dataset', dataset, message });
    }
  }
  return problems;
}

const closed = { additionalProperties: false } as const;
const tags = ['Supervision'];
const ok = Type.Object({ status: Type.Literal('ok') }, closed);
const problemSchema = Type.Object(
  {
    check: Type.Enum(['metadata', 'warehouse', 'dataset']),
    dataset: Type.Optional(Type.String()),
    message: Type.String(),
  },
  closed,
);
const detailsSchema = Type.Object(
  {
    status: Type.Enum(['ok', 'degraded']),
    problems: Type.Array(problemSchema),
    versions: Type.Object(
      {
        app: Type.String(),
        node: Type.String(),
        warehouse: Type.String(),
        metadata: Type.String(),
        metadataStore: Type.String(),
      },
      closed,
    ),
    datasets: Type.Array(
      Type.Object(
        {
          dataset: Type.String(),
          rows: Type.Integer(),
          rowsUnplaced: Type.Integer(),
          loadedAt: Type.Union([Type.String(), Type.Null()]),
          lastLoad: Type.Object(
            {
              id: Type.Integer(),
              status: Type.String(),
              startedAt: Type.String(),
              finishedAt: Type.Union([Type.String(), Type.Null()]),
              error: Type.Union([Type.String(), Type.Null()]),
            },
            closed,
          ),
        },
        closed,
      ),
    ),
  },
  closed,
);

export const healthRoutes: ApiPlugin = async (app) => {
  // Liveness: the process answers. No I/O, and never shed under pressure (see app.ts), so a
  // busy instance is not restarted by its supervisor.
  const live = (summary: string) =>
    ({
      config: { access: 'public', neverShed: true },
      schema: {
        tags,
        summary,
        description: 'Le processus répond (vivacité). Jamais refusé sous charge.',
        response: { 200: ok },
      },
    }) as const;
  app.get('/health', live('État du service'), async () => ({ status: 'ok' as const }));
  app.get('/health/live', live('Vivacité'), async () => ({ status: 'ok' as const }));

  // Readiness: whether to send traffic here. Public (load balancers probe it without a session),
  // so it names datasets and failure kinds but no versions, counts or raw errors.
  app.get(
    '/health/ready',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Disponibilité',
        description:
          'Les deux magasins répondent et chaque jeu de données est chargé ; sinon 503 SERVICE_NOT_READY nommant chaque problème.',
        response: { 200: ok, 503: errorBodySchema },
      },
    },
    async (_request, reply) => {
      const problems = await readiness(app);
      if (problems.length === 0) return { status: 'ok' as const };
      // Sent, not thrown: an unready instance is a state to report, not an incident to log each probe.
      const error = new AppError('SERVICE_NOT_READY', { problems: problems.map((p) => p.message).join(' ') });
      return reply
        .status(503) // SERVICE_NOT_READY, as documented in the schema
        .send({ error: { code: error.code, message: error.message, details: { problems } } });
    },
  );

  // Everything an administrator needs to diagnose an instance.
  app.get(
    '/health/details',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Diagnostic détaillé',
        description: 'Versions, problèmes et derniers chargements de chaque jeu de données.',
        response: { 200: detailsSchema },
      },
    },
    async () => {
      const { warehouse, metadata, loads } = app.services;
      const problems = await readiness(app);
      const [warehouseVersion, metadataVersion, attempts, successes] = await Promise.all([
        warehouse.version(),
        metadata.version(),
        loads.latestAttemptPerDataset(),
        loads.latestPerDataset(),
      ]);
      const success = new Map(successes.map((l) => [l.dataset, l]));
      return {
        status: problems.length === 0 ? ('ok' as const) : ('degraded' as const),
        problems,
        versions: {
          app: APP_VERSION,
          node: process.version,
          warehouse: warehouseVersion,
          metadata: metadataVersion,
          metadataStore: metadata.kind,
        },
        datasets: attempts.map((attempt) => {
          const loaded = success.get(attempt.dataset);
          return {
            dataset: attempt.dataset,
            rows: loaded?.rowsLoaded ?? 0,
            rowsUnplaced: loaded?.rowsUnplaced ?? 0,
            loadedAt: loaded?.finishedAt?.toISOString() ?? null,
            lastLoad: {
              id: attempt.id,
              status: attempt.status,
              startedAt: attempt.startedAt.toISOString(),
              finishedAt: attempt.finishedAt?.toISOString() ?? null,
              error: attempt.error,
            },
          };
        }),
      };
    },
  );
};
