import {
  AUDIT_ACTION_LABELS,
  type AuditAction,
  type AuditEntry as PublicAuditEntry,
} from '@dataetat/widgets';
import { CSV_BOM, csvLine } from '../export/csv.ts';
import { AUDIT_TIME_ZONE } from './filter.ts';

/**
 * The journal as a French CSV (same conventions as data exports, export/csv.ts: BOM, `;`, CRLF,
 * formula-looking texts made inert). One line per entry, the same entries and order as the
 * JSON list with the same filters; times in Europe/Paris, the way the page shows them.
 */
export const AUDIT_CSV_COLUMNS = [
  'N°',
  'Date (heure de Paris)',
  'Action',
  'Résultat',
  'Auteur',
  'E-mail de l’auteur',
  'Objet',
  'Identifiant de l’objet',
  'Lien ou intégration',
  'Adresse IP',
  'Détails',
] as const;

const PARIS_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: AUDIT_TIME_ZONE,
  dateStyle: 'short',
  timeStyle: 'medium',
});

export function auditCsvCells(entry: PublicAuditEntry): (string | number | null)[] {
  return [
    entry.id,
    PARIS_TIME.format(new Date(entry.at)),
    AUDIT_ACTION_LABELS[entry.action as AuditAction] ?? entry.action,
    entry.outcome === 'success' ? 'Réussite' : 'Échec',
    entry.actorName,
    entry.actorEmail,
    entry.targetLabel,
    entry.target,
    entry.grantLabel,
    entry.ip,
    Object.keys(entry.details).length > 0 ? JSON.stringify(entry.details) : null,
  ];
}

/** Header, then one chunk per batch of labelled entries. */
export async function* auditCsvChunks(
  batches: AsyncIterable<readonly PublicAuditEntry[]>,
): AsyncGenerator<Buffer> {
  yield Buffer.from(CSV_BOM + csvLine([...AUDIT_CSV_COLUMNS]), 'utf8');
  for await (const batch of batches) {
    let text = '';
    for (const entry of batch) text += csvLine(auditCsvCells(entry));
    if (text) yield Buffer.from(text, 'utf8');
  }
}
