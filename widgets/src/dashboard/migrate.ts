/**
 * Pure migrations of stored dashboards (STYLE.md « versioned schemas and pure migrations »):
 * each step upgrades a definition from version n to n + 1; `migrateDashboard` chains them up to
 * DASHBOARD_SCHEMA_VERSION. Only version 1 exists so far: the table is empty, and anything else
 * (absent, unknown, newer than this code) is refused with a French message instead of being
 * misread.
 */
import { DashboardError, issue } from './errors.ts';
import { DASHBOARD_SCHEMA_VERSION } from './types.ts';

type Json = Record<string, unknown>;

/** `MIGRATIONS[n]` turns a version-n definition into a version n + 1 one. */
const MIGRATIONS: Readonly<Record<number, (definition: Json) => Json>> = {};

/** The oldest version still readable (a migration chain exists from it). */
export const OLDEST_SCHEMA_VERSION = 1;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function supported(): string {
  const versions: number[] = [];
  for (let v = OLDEST_SCHEMA_VERSION; v <= DASHBOARD_SCHEMA_VERSION; v++) versions.push(v);
  return versions.join(', ');
}

/**
 * Upgrades a parsed definition to the current schema version (shape not checked here: see
 * `validateDashboard`). Throws a DashboardError naming the version when it cannot be read.
 */
export function migrateDashboard(json: unknown, options: { readonly source?: string } = {}): Json {
  const fail = (what: string, path = '/schemaVersion'): never => {
    throw new DashboardError([
      issue(isObject(json) ? 'DASHBOARD_SCHEMA_VERSION' : 'DASHBOARD_SHAPE', path, what, {
        source: options.source,
      }),
    ]);
  };
  if (!isObject(json)) return fail('un objet JSON (la définition du tableau de bord) est attendu', '');
  const version = json.schemaVersion;
  if (version === undefined) {
    return fail(
      `la version de schéma (schemaVersion) est absente ; versions prises en charge : ${supported()}`,
    );
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < OLDEST_SCHEMA_VERSION) {
    return fail(
      `version de schéma « ${JSON.stringify(version)} » inconnue ; versions prises en charge : ${supported()}`,
    );
  }
  if (version > DASHBOARD_SCHEMA_VERSION) {
    return fail(
      `ce tableau de bord utilise la version de schéma ${version}, plus récente que celle que ce serveur ` +
        `connaît (${DASHBOARD_SCHEMA_VERSION}) : mettez Data-État à jour pour l’ouvrir`,
    );
  }
  let current = json;
  for (let v = version; v < DASHBOARD_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return fail(`aucune migration depuis la version de schéma ${v}`);
    current = { ...step(current), schemaVersion: v + 1 };
  }
  return current;
}
