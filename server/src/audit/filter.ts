import { and, eq, or, type SQL, sql } from 'drizzle-orm';
import { AppError } from '../errors.ts';
import { auditLog, users } from '../metadata/schema.ts';
import { foldedContains } from '../metadata/text-search.ts';
import type { AuditAction } from './repository.ts';

/**
 * What the journal can be narrowed to (issue 12): who (e-mail or name contains, case ignored),
 * what (one action), the outcome, and a range of days. Days are Europe/Paris calendar days, as
 * an administrator in a préfecture reads them: `to` is included up to its last second.
 */
export interface AuditFilter {
  readonly actor?: string;
  readonly action?: AuditAction;
  readonly outcome?: 'success' | 'failure';
  /** `YYYY-MM-DD`, first day included. */
  readonly from?: string;
  /** `YYYY-MM-DD`, last day included. */
  readonly to?: string;
}

export const AUDIT_TIME_ZONE = 'Europe/Paris';

/** `YYYY-MM-DD` that names a real day (2026-02-30 does not). */
export function isCalendarDay(day: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return false;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, date));
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === date;
}

/** Days the schema's pattern lets through but the calendar does not, and a reversed range: 400. */
export function checkAuditFilter(filter: AuditFilter): void {
  for (const key of ['from', 'to'] as const) {
    const day = filter[key];
    if (day !== undefined && !isCalendarDay(day)) {
      throw new AppError(
        'BAD_REQUEST',
        {
          where: `paramètres de l’adresse, « /${key} »`,
          reason: `« ${day} » n’est pas une date du calendrier`,
        },
        { in: 'querystring', path: `/${key}`, reason: 'date inexistante' },
      );
    }
  }
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new AppError(
      'BAD_REQUEST',
      {
        where: 'paramètres de l’adresse, « /to »',
        reason: `la fin (${filter.to}) précède le début (${filter.from})`,
      },
      { in: 'querystring', path: '/to', reason: 'période inversée' },
    );
  }
}

/**
 * The WHERE condition of a filter; every value is a bind parameter. The actor's name comes from
 * `users` (the query joins it); an entry without an account (failed login of an unknown
 * address) matches on its e-mail only. Case and accents are ignored, `%` and `_` typed in the
 * form are plain characters (metadata/text-search.ts).
 */
export function auditWhere(filter: AuditFilter): SQL | undefined {
  const actor = filter.actor?.trim();
  return and(
    actor ? or(foldedContains(auditLog.actorEmail, actor), foldedContains(users.name, actor)) : undefined,
    filter.action ? eq(auditLog.action, filter.action) : undefined,
    filter.outcome ? eq(auditLog.outcome, filter.outcome) : undefined,
    filter.from
      ? sql`${auditLog.at} >= (${filter.from}::date)::timestamp AT TIME ZONE ${AUDIT_TIME_ZONE}`
      : undefined,
    filter.to
      ? sql`${auditLog.at} < ((${filter.to}::date + 1)::timestamp AT TIME ZONE ${AUDIT_TIME_ZONE})`
      : undefined,
  );
}

/** Filters that leave the daily views of links and embeds out (views have no actor nor action). */
export function excludesViews(filter: AuditFilter): boolean {
  return Boolean(filter.actor?.trim() || filter.action || filter.outcome);
}
