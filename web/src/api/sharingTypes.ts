/** Sharing answers: one definition, shared with the server (`@dataetat/widgets` api/sharing.ts). */
import type { DashboardDefinition, GrantedDashboard as GrantedAnswer } from '@dataetat/widgets';

export type {
  EmbedSummary,
  GrantStatusName as GrantStatus,
  HostFilter,
  NamedShare as DashboardShare,
  ShareLinkCreated as CreatedShareLink,
  ShareLinkSummary,
  SharePermissionName as SharePermission,
  UserDirectoryEntry as DirectoryUser,
} from '@dataetat/widgets';

/** The definition's own rules (queries) go beyond its schema: typed as such, like `DashboardDetail`. */
export type GrantedDashboard = Omit<GrantedAnswer, 'dashboard'> & {
  readonly dashboard: Omit<GrantedAnswer['dashboard'], 'definition'> & {
    readonly definition: DashboardDefinition;
  };
};
