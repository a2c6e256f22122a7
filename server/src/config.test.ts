import { describe, expect, it } from 'vitest';
import { ConfigError, loadSettings } from './config.ts';

describe('loadSettings', () => {
  it('uses embedded defaults', () => {
    const settings = loadSettings({});
    expect(settings.port).toBe(3000);
    expect(settings.databaseUrl).toBeUndefined();
    expect(settings.dataDir).toMatch(/data$/);
    expect(settings.logLevel).toBe('info');
  });

  it('reads the environment', () => {
    const settings = loadSettings({ PORT: '8080', LOG_LEVEL: 'warn', DATABASE_URL: 'postgres://u@h/db' });
    expect(settings).toMatchObject({ port: 8080, logLevel: 'warn', databaseUrl: 'postgres://u@h/db' });
  });

  it('lists every bad value in one French message', () => {
    let error: unknown;
    try {
      loadSettings({
        PORT: 'abc',
        LOG_LEVEL: 'bavard',
        DATABASE_URL: 'mysql://x',
        DATAETAT_SEED_DIR: '/nulle/part',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT=« abc » : un entier entre 0 et 65535 est attendu.');
    expect(message).toContain('LOG_LEVEL=« bavard »');
    expect(message).toContain('DATABASE_URL doit commencer par postgres://');
    expect(message).toContain("DATAETAT_SEED_DIR=« /nulle/part » : ce dossier n'existe pas.");
    expect((error as ConfigError).problems).toHaveLength(4);
  });
});
