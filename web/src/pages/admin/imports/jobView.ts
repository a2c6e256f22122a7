import {
  IMPORT_ENCODING_LABELS,
  IMPORT_MODE_LABELS,
  type ImportJob,
  type ImportList,
  type ImportStatusName,
} from '@dataetat/widgets';
import { formatInteger, formatYears } from '@dataetat/widgets/react';

/** Pure readings of an import job for the page (web/src/pages/admin/imports/). */

/** The server is still at work on it: the page asks again until it is not. */
const WORKING: ReadonlySet<ImportStatusName> = new Set(['analysing', 'queued', 'running']);
/** Not finished: the page shows it (and finds it again after a new sign-in). */
const PENDING: ReadonlySet<ImportStatusName> = new Set([...WORKING, 'awaiting_confirmation']);

export const isWorking = (status: ImportStatusName) => WORKING.has(status);
export const isPending = (status: ImportStatusName) => PENDING.has(status);

/**
 * The newest unfinished import this administrator deposited: after a lost session, a reload or
 * a new sign-in, the page takes it up where it was (the job lives on the server).
 */
export function pendingJobOf(list: ImportList | undefined, userId: number | undefined): ImportJob | null {
  if (!list || userId === undefined) return null;
  return list.imports.find((job) => job.author.id === userId && isPending(job.status)) ?? null;
}

/** `1536` → « 1,5 Ko », `20971520` → « 20 Mo » (powers of 1 024, as the size limit). */
export function formatBytes(bytes: number): string {
  const units = ['octets', 'Ko', 'Mo', 'Go'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toLocaleString('fr-FR', { maximumFractionDigits: digits })} ${units[unit]}`;
}

/** Grant files (SCDL « subventions », France 2030) feed their own datasets, not Chorus. */
const GRANT_KINDS: Record<string, string> = {
  subventions_operateurs: 'Aides attribuées (subventions des opérateurs)',
  france_2030_laureats: 'Projets lauréats France 2030',
};

/** Reference files replace a referential, not data lines. */
const REFERENCE_KINDS: Record<string, string> = {
  referentiel_calculette: 'Référentiel : libellés Chorus (remplace la Calculette précédente)',
  referentiel_centres_couts: 'Référentiel : lieux des centres de coûts (remplace le précédent)',
  referentiel_localisations: 'Référentiel : localisations interministérielles (remplace le précédent)',
  referentiel_qpv_lieu_action:
    'Référentiel : lieux d’action en quartier prioritaire, EJ → quartier (remplace le précédent)',
};

/** The file replaces a referential (Calculette, centres de coûts, localisations, lieux d’action en QPV). */
export const isReference = (job: Pick<ImportJob, 'dataset'>) => job.dataset in REFERENCE_KINDS;

/** « 14 ministères, 3 programmes… »: what a reference file holds, or null for other files. */
export function contentsLabel(job: Pick<ImportJob, 'contents'>): string | null {
  if (job.contents.length === 0) return null;
  return job.contents.map((c) => `${c.label} : ${formatInteger(c.count)}`).join(' ; ');
}

/** « Engagements (AE) » or « Paiements (CP) », from the layout the server recognised. */
export function kindLabel(job: Pick<ImportJob, 'layout' | 'dataset'>): string | null {
  if (!job.layout) return null;
  const grant = GRANT_KINDS[job.dataset] ?? REFERENCE_KINDS[job.dataset];
  if (grant) return grant;
  return job.layout.id.endsWith('-cp') ? 'Paiements (CP)' : 'Engagements (AE)';
}

export function encodingLabel(job: Pick<ImportJob, 'encoding'>): string | null {
  return job.encoding ? IMPORT_ENCODING_LABELS[job.encoding] : null;
}

/** Years the lines read so far cover, in words (« 2021–2023 »), or null before any line. */
export function yearsLabel(job: Pick<ImportJob, 'yearsFound'>): string | null {
  return job.yearsFound.length > 0 ? formatYears(job.yearsFound) : null;
}

/** Régions named by the lines (national files): « Bretagne (53), Normandie (28) ». */
export function regionsLabel(job: Pick<ImportJob, 'regionsFound'>): string | null {
  if (job.regionsFound.length === 0) return null;
  return job.regionsFound.map((r) => (r.label ? `${r.label} (${r.code})` : `Région ${r.code}`)).join(', ');
}

export const modeLabel = (job: Pick<ImportJob, 'mode'>) => (job.mode ? IMPORT_MODE_LABELS[job.mode] : null);

/** How the outcome is shown: a DSFR alert's severity. */
export function outcomeSeverity(status: ImportStatusName): 'success' | 'info' | 'error' | 'warning' {
  if (status === 'succeeded') return 'success';
  if (status === 'unchanged' || status === 'cancelled') return 'info';
  return 'error';
}

/** `0.42` → « 42 % » for the progress bars' text. */
export const percent = (ratio: number) => `${Math.round(Math.max(0, Math.min(1, ratio)) * 100)} %`;
