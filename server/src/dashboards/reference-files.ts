import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type Catalogue,
  type DashboardDefinition,
  type DashboardIssue,
  validateDashboard,
} from '@dataetat/widgets';
import { repoRoot } from '../config.ts';

/** Where reference dashboards live (dashboards as code, DESIGN §7). */
export const REFERENCE_DASHBOARDS_DIR = path.join(repoRoot, 'dashboards');

/** Package and compiler settings share the folder with the dashboards. */
const NOT_DASHBOARDS = /^(package|tsconfig.*|biome)\.json$/;

/** File names become ids (`ref-<name>`): lower-case letters, digits and dashes. */
const FILE_NAME = /^[a-z0-9]+(-[a-z0-9]+)*\.json$/;

export type ReferenceFile =
  | { readonly file: string; readonly ok: true; readonly dashboard: DashboardDefinition }
  | { readonly file: string; readonly ok: false; readonly issues: readonly string[] };

/** Stable id of the dashboard provisioned from a file: `financements-etat.json` → `ref-financements-etat`. */
export function referenceId(file: string): string {
  return `ref-${file.replace(/\.json$/, '')}`;
}

/**
 * Reads and validates every `*.json` of the directory against the schema and the catalogue.
 * Messages name the file (relative to the repository when inside it), the widget and the field.
 */
export function readReferenceFiles(catalogue: Catalogue, dir = REFERENCE_DASHBOARDS_DIR): ReferenceFile[] {
  const shown = (file: string) => {
    const relative = path.relative(repoRoot, path.join(dir, file));
    return relative.startsWith('..') ? path.join(dir, file) : relative;
  };
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json') && !file.startsWith('.') && !NOT_DASHBOARDS.test(file))
    .sort()
    .map((file): ReferenceFile => {
      const source = shown(file);
      if (!FILE_NAME.test(file)) {
        return {
          file,
          ok: false,
          issues: [
            `${source} : nom de fichier invalide (minuscules, chiffres et tirets, ex. financements-etat.json)`,
          ],
        };
      }
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      } catch (error) {
        return { file, ok: false, issues: [`${source} : JSON illisible (${(error as Error).message})`] };
      }
      const result = validateDashboard(json, catalogue, { source });
      return result.ok
        ? { file, ok: true, dashboard: result.dashboard }
        : { file, ok: false, issues: result.issues.map((i: DashboardIssue) => i.message) };
    });
}
