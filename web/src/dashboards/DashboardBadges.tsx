import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { DashboardSummary } from '../api/dashboards.ts';

const plural = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;

/**
 * What a dashboard's card says of it before its title is read: reference (when asked), the
 * permission a share gives, the number of visualisations. The home page and the dashboards
 * list show the same words.
 */
export function DashboardBadges({
  dashboard,
  showReference = false,
}: {
  readonly dashboard: DashboardSummary & { readonly permission?: 'read' | 'edit' };
  readonly showReference?: boolean;
}) {
  return (
    <ul className="fr-badges-group">
      {showReference && dashboard.isReference && (
        <li>
          <Badge as="span" small severity="info" noIcon>
            Référence
          </Badge>
        </li>
      )}
      {dashboard.permission && (
        <li>
          <Badge as="span" small severity={dashboard.permission === 'edit' ? 'new' : 'info'} noIcon>
            {dashboard.permission === 'edit' ? 'Modification' : 'Lecture'}
            <span className="fr-sr-only"> : droit qui vous est accordé</span>
          </Badge>
        </li>
      )}
      <li>
        <Badge as="span" small noIcon>
          {plural(dashboard.widgetCount, 'visualisation', 'visualisations')}
        </Badge>
      </li>
    </ul>
  );
}
