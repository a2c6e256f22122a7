import { describe, expect, it } from 'vitest';
import { DashboardError } from './errors.ts';
import { migrateDashboard } from './migrate.ts';

function messageOf(json: unknown): string {
  try {
    migrateDashboard(json, { source: 'tableau.json' });
  } catch (error) {
    expect(error).toBeInstanceOf(DashboardError);
    return (error as DashboardError).message;
  }
  throw new Error('expected a DashboardError');
}

describe('migrateDashboard', () => {
  it('returns a current (version 1) definition unchanged', () => {
    const definition = {
      schemaVersion: 1,
      title: 'x',
      description: '',
      widgets: [],
      layout: [],
      filters: [],
    };
    expect(migrateDashboard(definition)).toEqual(definition);
  });

  it('refuses a future version, telling to update Data-État', () => {
    expect(messageOf({ schemaVersion: 2 })).toBe(
      'tableau.json, emplacement « /schemaVersion » : ce tableau de bord utilise la version de schéma 2, ' +
        'plus récente que celle que ce serveur connaît (1) : mettez Data-État à jour pour l’ouvrir',
    );
  });

  it('refuses unknown or missing versions, listing the supported ones', () => {
    expect(messageOf({ schemaVersion: 0 })).toContain(
      'version de schéma « 0 » inconnue ; versions prises en charge : 1',
    );
    expect(messageOf({ schemaVersion: '1' })).toContain('version de schéma « "1" » inconnue');
    expect(messageOf({ schemaVersion: 1.5 })).toContain('« 1.5 » inconnue');
    expect(messageOf({ title: 'sans version' })).toContain(
      'la version de schéma (schemaVersion) est absente',
    );
    expect(messageOf([1])).toContain('un objet JSON (la définition du tableau de bord) est attendu');
  });
});
