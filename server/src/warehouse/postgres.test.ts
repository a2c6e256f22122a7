import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresEngine, testDatabaseUrl } from './testing.ts';

/** Settings of the warehouse's own PostgreSQL sessions (skipped without TEST_DATABASE_URL). */
describe.skipIf(!testDatabaseUrl)('PostgreSQL warehouse sessions', () => {
  let warehouse: Awaited<ReturnType<typeof postgresEngine.open>>;
  beforeAll(async () => {
    warehouse = await postgresEngine.open();
  });
  afterAll(async () => {
    await warehouse?.dispose();
  });

  it('run without JIT compilation, on every connection of the pool', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        warehouse.query(
          "SELECT current_setting('jit'), current_setting('application_name'), pg_backend_pid()",
        ),
      ),
    );
    for (const { rows } of answers) expect(rows[0]?.slice(0, 2)).toEqual(['off', 'dataetat-warehouse']);
    // Several connections answered: each was opened with the setting.
    expect(new Set(answers.map(({ rows }) => rows[0]?.[2])).size).toBeGreaterThan(1);
    expect((await warehouse.query('SHOW jit')).rows).toEqual([['off']]);
  });
});
