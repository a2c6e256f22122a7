const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' });

/** `dd/mm/yyyy hh:mm`, or « jamais » for a missing date. */
export function formatDateTime(iso: string | null): string {
  return iso ? DATE_TIME.format(new Date(iso)) : 'jamais';
}

/** `YYYY-MM-DD` → `dd/mm/yyyy` (a calendar day: no time zone to apply). */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

/** One day of views of a link or an embed, as the journal reads it. */
export function describeViews(views: {
  readonly kind: 'link' | 'embed';
  readonly label: string;
  readonly dashboardTitle: string;
  readonly day: string;
  readonly views: number;
}): string {
  const what = views.kind === 'link' ? 'du lien' : 'de l’intégration';
  const name = views.label || `sans nom, tableau « ${views.dashboardTitle} »`;
  return `Consultations ${what} « ${name} » : ${views.views} le ${formatDay(views.day)}`;
}

/** What the filters kept, read out by screen readers after each change (a status region). */
export function describeCount(total: number, page: number, pages: number, filtered: boolean): string {
  if (total === 0) return filtered ? 'Aucune entrée retenue par les filtres.' : 'Aucune entrée.';
  const plural = total > 1 ? 's' : '';
  const kept = filtered ? ` retenue${plural} par les filtres` : '';
  return `${total.toLocaleString('fr-FR')} entrée${plural}${kept} — page ${page} sur ${pages}`;
}
