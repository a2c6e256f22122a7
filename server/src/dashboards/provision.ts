import type { Catalogue } from '@dataetat/widgets';
import type { FastifyBaseLogger } from 'fastify';
import { REFERENCE_DASHBOARDS_DIR, readReferenceFiles, referenceId } from './reference-files.ts';
import type { DashboardRepository, Definition } from './repository.ts';

export interface ProvisionOutcome {
  readonly created: string[];
  readonly updated: string[];
  readonly unchanged: string[];
  /** Files refused (invalid): the stored version, if any, is kept. */
  readonly invalid: string[];
  /** Reference dashboards whose file disappeared: moved to the trash. */
  readonly removed: string[];
}

/** Key order does not matter in jsonb: compare canonical JSON. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * Provisions dashboards/*.json as read-only reference dashboards (upsert by file name): a new
 * file creates one, a changed file saves a new version (history kept), an identical one does
 * nothing, so starting twice changes nothing. An invalid file is logged and skipped; a file
 * removed sends its dashboard to the trash (purged after 30 days, back if the file returns).
 */
export async function provisionReferenceDashboards(
  repository: DashboardRepository,
  catalogue: Catalogue,
  log: FastifyBaseLogger,
  dir = REFERENCE_DASHBOARDS_DIR,
): Promise<ProvisionOutcome> {
  const outcome: ProvisionOutcome = { created: [], updated: [], unchanged: [], invalid: [], removed: [] };
  const files = readReferenceFiles(catalogue, dir);
  for (const entry of files) {
    if (!entry.ok) {
      outcome.invalid.push(entry.file);
      log.error(`tableau de bord de référence ignoré : ${entry.issues.join(' ; ')}`);
      continue;
    }
    const { dashboard, file } = entry;
    const content = {
      title: dashboard.title,
      description: dashboard.description,
      definition: dashboard as unknown as Definition,
    };
    const note = { authorId: null, message: `Mise à jour depuis dashboards/${file}` };
    const stored = await repository.byReferenceKey(file);
    if (!stored) {
      await repository.create(
        { id: referenceId(file), ownerId: null, isReference: true, referenceKey: file, ...content },
        { authorId: null, message: `Créé depuis dashboards/${file}` },
      );
      outcome.created.push(file);
      continue;
    }
    // A file that came back brings its dashboard out of the trash.
    const restored = stored.deletedAt !== null;
    if (restored) await repository.setDeleted(stored.id, null);
    if (canonical(stored.definition) !== canonical(dashboard)) {
      await repository.saveIfVersion(stored.id, stored.version, content, note);
      outcome.updated.push(file);
    } else {
      (restored ? outcome.updated : outcome.unchanged).push(file);
    }
  }
  const present = new Set(files.map((f) => f.file));
  for (const row of await repository.references()) {
    if (row.referenceKey && !present.has(row.referenceKey) && row.deletedAt === null) {
      await repository.setDeleted(row.id, new Date());
      outcome.removed.push(row.referenceKey);
    }
  }
  log.info(
    `tableaux de bord de référence : ${outcome.created.length} créé(s), ${outcome.updated.length} mis à jour, ` +
      `${outcome.unchanged.length} inchangé(s), ${outcome.invalid.length} invalide(s), ${outcome.removed.length} retiré(s)`,
  );
  return outcome;
}
