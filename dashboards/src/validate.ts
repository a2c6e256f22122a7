/**
 * The CI check of dashboards as code: every dashboards/*.json against the dashboard schema and
 * the server's catalogue (the same check the server runs when it provisions them at start).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogue } from '../../server/src/catalogue/index.ts';
import { type ReferenceFile, readReferenceFiles } from '../../server/src/dashboards/reference-files.ts';

export const DASHBOARDS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ValidationReport {
  readonly files: readonly ReferenceFile[];
  /** Every problem, each naming its file, widget and field. */
  readonly problems: readonly string[];
}

export function validateReferenceDashboards(dir = DASHBOARDS_DIR): ValidationReport {
  const files = readReferenceFiles(catalogue, dir);
  return { files, problems: files.flatMap((f) => (f.ok ? [] : f.issues)) };
}

/** Human report for the terminal: one line per file, then the problems. */
export function formatReport(report: ValidationReport): string {
  const lines = report.files.map((f) =>
    f.ok ? `✓ ${f.file} — « ${f.dashboard.title} », ${f.dashboard.widgets.length} widgets` : `✗ ${f.file}`,
  );
  if (report.files.length === 0) lines.push('Aucun tableau de bord (*.json) trouvé.');
  return [...lines, ...report.problems.map((p) => `  ${p}`)].join('\n');
}
