import type { Catalogue } from '@dataetat/widgets';
import type { FastifyBaseLogger } from 'fastify';
import type { MetadataDb } from '../metadata/store.ts';
import { provisionReferenceDashboards } from './provision.ts';
import { REFERENCE_DASHBOARDS_DIR } from './reference-files.ts';
import { DashboardRepository } from './repository.ts';
import { DashboardService, TRASH_DAYS } from './service.ts';

export { DashboardRepository } from './repository.ts';
export { type Actor, DashboardService, TRASH_DAYS } from './service.ts';

/**
 * Opens the dashboards service at start: purges the trash older than TRASH_DAYS days, then
 * provisions the reference dashboards of `referenceDir` (dashboards/ by default).
 */
export async function openDashboards(
  db: MetadataDb,
  catalogue: Catalogue,
  log: FastifyBaseLogger,
  referenceDir = REFERENCE_DASHBOARDS_DIR,
): Promise<DashboardService> {
  const repository = new DashboardRepository(db);
  const purged = await repository.purgeTrash(new Date(Date.now() - TRASH_DAYS * 86_400_000));
  if (purged > 0)
    log.info(
      `${purged} tableau(x) de bord supprimé(s) définitivement de la corbeille (plus de ${TRASH_DAYS} jours)`,
    );
  await provisionReferenceDashboards(repository, catalogue, log, referenceDir);
  return new DashboardService(repository, catalogue);
}
