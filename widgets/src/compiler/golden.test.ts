/**
 * Golden SQL: the exact statement and parameters per dialect for representative specs, stored
 * as reviewable files in __golden__/<dialect>/<spec>.sql. Changing the compiler's output is a
 * deliberate act (`vitest -u`), reviewed like code.
 */
import { describe, expect, test } from 'vitest';
import { fixtureCatalogue } from '../testing/fixture.ts';
import { GOLDEN_CASES, NOW } from '../testing/specs.ts';
import { compileQuery } from './compile.ts';
import { DIALECTS } from './dialects/index.ts';
import { FOLD_FROM, FOLD_TO } from './render.ts';

describe.each(DIALECTS)('golden SQL — %s', (dialect) => {
  test.each(GOLDEN_CASES)('$name', async ({ name, spec, ctx }) => {
    const compiled = compileQuery(spec, fixtureCatalogue, ctx, { dialect, maxLimit: 100, now: NOW });
    const text = `-- params: ${JSON.stringify(compiled.params)}\n${compiled.sql}\n`;
    await expect(text).toMatchFileSnapshot(`./__golden__/${dialect}/${name}.sql`);
  });
});

test('the same spec compiles to the same SQL every time (no hidden state)', () => {
  for (const { spec, ctx } of GOLDEN_CASES) {
    const a = compileQuery(spec, fixtureCatalogue, ctx, { dialect: 'postgres', maxLimit: 100, now: NOW });
    const b = compileQuery(spec, fixtureCatalogue, ctx, { dialect: 'postgres', maxLimit: 100, now: NOW });
    expect(b.sql).toBe(a.sql);
    expect(b.params).toEqual(a.params);
  }
});

test('plain query: exact SQL and parameters on both dialects', () => {
  const spec = {
    dataset: 'dotations_investissement',
    measures: ['montant_cp'],
    dimensions: ['annee'],
    filters: [{ field: 'region', op: 'eq', values: ['53'] }],
  };
  const duck = compileQuery(spec, fixtureCatalogue, { scope: 'NAT' }, { dialect: 'duckdb', maxLimit: 100 });
  expect(duck.sql).toBe(
    'SELECT "t"."annee" AS "annee", CAST(SUM("t"."montant_cp") AS DOUBLE) AS "montant_cp" ' +
      'FROM "fx_dotations" AS "t" WHERE "t"."code_region" = $1 GROUP BY "t"."annee" ' +
      'ORDER BY "t"."annee" ASC NULLS LAST LIMIT $2',
  );
  expect(duck.params).toEqual(['53', 101]);
  const pg = compileQuery(spec, fixtureCatalogue, { scope: '11' }, { dialect: 'postgres', maxLimit: 100 });
  expect(pg.sql).toBe(
    'SELECT "t"."annee" AS "annee", CAST(SUM("t"."montant_cp") AS double precision) AS "montant_cp" ' +
      'FROM "fx_dotations" AS "t" WHERE "t"."code_region" = $1 AND "t"."code_region" = $2 GROUP BY "t"."annee" ' +
      'ORDER BY "t"."annee" ASC NULLS LAST LIMIT $3',
  );
  expect(pg.params).toEqual(['53', '11', 101]);
});

test('accent folding maps character for character', () => {
  expect([...FOLD_FROM].length).toBe([...FOLD_TO].length);
  expect(FOLD_FROM + FOLD_TO).not.toMatch(/['\\]/);
});
