import type { NamedShare, UserDirectoryEntry } from '@dataetat/widgets';
import { ROLE_LABELS } from '../auth/roles.ts';
import type { Actor, DashboardService } from '../dashboards/service.ts';
import { AppError } from '../errors.ts';
import type { SharePermission } from '../metadata/schema.ts';
import type { UserRepository } from '../users/repository.ts';
import type { NamedShareRecord, SharingRepository } from './repository.ts';

/** Most accounts the directory returns (the dialog shows a short list while one types). */
export const DIRECTORY_LIMIT = 20;

/**
 * Sharing a dashboard with named accounts, read or edit. Only the owner (éditeur) or an admin
 * manages it (DashboardService.shareable); an edit share needs an éditeur account, since the
 * role bounds what a share can give.
 */
export class NamedShareService {
  constructor(
    private readonly dashboards: DashboardService,
    private readonly sharing: SharingRepository,
    private readonly users: UserRepository,
  ) {}

  /** Active accounts matching `q` (name or e-mail), the caller excluded. */
  async directory(actor: Actor, q: string): Promise<UserDirectoryEntry[]> {
    return this.sharing.directory(q.trim(), { limit: DIRECTORY_LIMIT, excludeId: actor.id });
  }

  async list(actor: Actor, dashboardId: string): Promise<NamedShare[]> {
    await this.dashboards.shareable(actor, dashboardId);
    return (await this.sharing.shares(dashboardId)).map(toNamedShare);
  }

  async put(
    actor: Actor,
    dashboardId: string,
    userId: number,
    permission: SharePermission,
  ): Promise<NamedShare> {
    const dashboard = await this.dashboards.shareable(actor, dashboardId);
    if (dashboard.isReference) {
      throw new AppError('GRANT_INVALID', {
        reason: 'un tableau de bord de référence est déjà visible de tous les comptes.',
      });
    }
    const user = await this.users.byId(userId);
    if (!user) throw new AppError('USER_NOT_FOUND', { id: userId });
    if (user.status !== 'active')
      throw new AppError('SHARE_USER_INVALID', { id: userId, reason: 'ce compte est désactivé' });
    if (user.id === dashboard.ownerId) {
      throw new AppError('SHARE_USER_INVALID', {
        id: userId,
        reason: 'c’est le propriétaire du tableau de bord',
      });
    }
    if (permission === 'edit' && user.role === 'lecteur') {
      throw new AppError('SHARE_USER_INVALID', {
        id: userId,
        reason: `ce compte a le rôle « ${ROLE_LABELS.lecteur} » : partagez-le en lecture, ou demandez à un administrateur de lui donner le rôle « ${ROLE_LABELS.editeur} »`,
      });
    }
    return toNamedShare(await this.sharing.share(dashboardId, userId, permission));
  }

  async remove(actor: Actor, dashboardId: string, userId: number): Promise<void> {
    await this.dashboards.shareable(actor, dashboardId);
    if (!(await this.sharing.unshare(dashboardId, userId)))
      throw new AppError('SHARE_NOT_FOUND', { id: userId });
  }
}

function toNamedShare(record: NamedShareRecord): NamedShare {
  return { user: record.user, permission: record.permission, createdAt: record.createdAt.toISOString() };
}
