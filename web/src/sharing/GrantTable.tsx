import { formatDate } from '@dataetat/widgets/react';
import { type ReactNode, useId } from 'react';
import { type GrantKind, type GrantOf, useGrants, useRevokeGrant } from '../api/sharing.ts';
import { describeLockedFilter, lockedLabelsOf } from './lockedFilters.ts';
import { errorText, GrantStatusBadge, RevokeButton } from './parts.tsx';

/** A column between the label and the status, its own to one kind of grant. */
export interface GrantColumn<G> {
  readonly header: string;
  readonly cell: (grant: G) => ReactNode;
}

/** What the list says, kind by kind (a link is « il », an embed « elle »). */
const WORDS = {
  heading: { links: 'Liens de ce tableau de bord', embeds: 'Intégrations de ce tableau de bord' },
  empty: { links: 'Aucun lien pour l’instant.', embeds: 'Aucune intégration pour l’instant.' },
  /** Rows are `lien-<id>`, `integration-<id>`: the e2e journeys find them so. */
  rowTestId: { links: 'lien', embeds: 'integration' },
  /** Read after « Révoquer » and in its confirmation. */
  named: {
    links: (name: string) => `le lien « ${name} »`,
    embeds: (name: string) => `l’intégration « ${name} »`,
  },
  revoked: {
    links: (name: string) => `Le lien « ${name} » est révoqué : il ne fonctionne plus.`,
    embeds: (name: string) => `L’intégration « ${name} » est révoquée : elle n’affiche plus rien.`,
  },
} satisfies Record<string, Record<GrantKind, unknown>>;

/**
 * The list of a dashboard's share links or embeds (« Liens », « Intégrer »): label with its
 * conditions, the kind's own columns, status, revocation confirmed inline. The list scrolls
 * sideways in a region reachable by keyboard, named by its heading.
 */
export function GrantTable<K extends GrantKind>({
  kind,
  dashboardId,
  details,
  columns,
  actions,
  notice,
  onRevoked,
}: {
  kind: K;
  dashboardId: string;
  /** Conditions shown before those every grant has (agents only, expiry, locked filters). */
  details?: (grant: GrantOf<K>) => ReactNode;
  columns: readonly GrantColumn<GrantOf<K>>[];
  /** Buttons before « Révoquer » (« Code » of an active embed). */
  actions?: (grant: GrantOf<K>, name: string) => ReactNode;
  /** Announced (`role="status"`): what the last creation or revocation did. */
  notice: string;
  /** After a revocation, with the sentence that says it. */
  onRevoked: (grant: GrantOf<K>, said: string) => void;
}) {
  const grants = useGrants(kind, dashboardId);
  const revoke = useRevokeGrant(kind, dashboardId);
  const headingId = useId();
  return (
    <>
      <h3 id={headingId} className="fr-h6 fr-mb-1w">
        {WORDS.heading[kind]}
      </h3>
      <p className="fr-text--sm fr-mb-1w" role="status">
        {notice}
      </p>
      {revoke.error && (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-2w" role="alert">
          <p>{errorText(revoke.error)}</p>
        </div>
      )}
      {grants.isPending ? (
        <p role="status">Chargement…</p>
      ) : grants.error ? (
        <div className="fr-alert fr-alert--error fr-alert--sm" role="alert">
          <p>{errorText(grants.error)}</p>
        </div>
      ) : grants.data.length === 0 ? (
        <p className="fr-text--sm">{WORDS.empty[kind]}</p>
      ) : (
        <section
          className="fr-table fr-table--sm fr-table--no-caption share-table"
          aria-labelledby={headingId}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the table may scroll sideways and revoked rows leave no button to reach it
          tabIndex={0}
        >
          <table aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">Libellé</th>
                {columns.map((column) => (
                  <th key={column.header} scope="col">
                    {column.header}
                  </th>
                ))}
                <th scope="col">Statut</th>
                <th scope="col">
                  <span className="fr-sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {grants.data.map((grant) => {
                const name = grant.label || 'Sans libellé';
                return (
                  <tr key={grant.id} data-testid={`${WORDS.rowTestId[kind]}-${grant.id}`}>
                    <td>
                      {name}
                      <span className="share-table__details fr-text--xs">
                        {details?.(grant)}
                        {grant.agentsOnly && ' · agents connectés'}
                        {grant.expiresAt && ` · expire le ${formatDate(grant.expiresAt)}`}
                        {grant.lockedFilters
                          .map((f) => ` · ${describeLockedFilter(f, lockedLabelsOf(grant.lockedLabels))}`)
                          .join('')}
                      </span>
                    </td>
                    {columns.map((column) => (
                      <td key={column.header}>{column.cell(grant)}</td>
                    ))}
                    <td>
                      <GrantStatusBadge status={grant.status} />
                    </td>
                    <td className="share-table__actions">
                      {actions?.(grant, name)}
                      {grant.status !== 'revoked' && (
                        <RevokeButton
                          what={WORDS.named[kind](name)}
                          pending={revoke.isPending}
                          onConfirm={() =>
                            revoke.mutate(grant.id, {
                              onSuccess: () => onRevoked(grant, WORDS.revoked[kind](name)),
                            })
                          }
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
