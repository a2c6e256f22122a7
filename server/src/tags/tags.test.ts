import { readFileSync } from 'node:fs';
import path from 'node:path';
import { compileQuery, type QuerySpec, shapeResult } from '@dataetat/widgets';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../catalogue/index.ts';
import { chorusLoader } from '../seed/chorus/loader.ts';
import { dotationsLoader } from '../seed/dotations-loader.ts';
import { GeoReference } from '../seed/geo-reference.ts';
import { politiqueVilleLoader } from '../seed/politique-ville-loader.ts';
import { programmesLoader } from '../seed/programmes-loader.ts';
import { referenceLoader } from '../seed/reference-loader.ts';
import { seedDir } from '../testing/harness.ts';
import { duckdbEngine, postgresEngine, type TestEngine, testDatabaseUrl } from '../warehouse/testing.ts';
import type { Warehouse } from '../warehouse/types.ts';
import { applyTagRules } from './apply.ts';
import { beneficiaryLines, matchChorusLines } from './assignment-service.ts';
import { rulesOnly, type Tagging } from './manual.ts';
import { defaultRules, type TagRule } from './rules.ts';

type Opened = Warehouse & { dispose(): Promise<void> };
const engines: TestEngine[] = testDatabaseUrl ? [duckdbEngine, postgresEngine] : [duckdbEngine];
const LINES = 20_000;

const pvd = (
  parse(readFileSync(path.join(seedDir, 'formats/other/pvd.csv')), { columns: true, bom: true }) as {
    insee_com: string;
  }[]
).map((r) => r.insee_com);

async function run(w: Warehouse, spec: QuerySpec) {
  const compiled = compileQuery(spec, catalogue, { scope: 'NAT' }, { dialect: w.dialect, maxLimit: 5000 });
  return shapeResult(compiled, (await w.query(compiled.sql, compiled.params)).rows);
}

async function scalar(w: Warehouse, sql: string, params: (string | number)[] = []): Promise<number> {
  return Number((await w.query(sql, params)).rows[0]?.[0] ?? 0);
}

/** Rows of a shaped result as { first dimension code → values }. */
function byCode(result: Awaited<ReturnType<typeof run>>): Map<unknown, unknown[]> {
  return new Map(result.rows.map((row) => [row[0], row]));
}

const SPECS: readonly QuerySpec[] = [
  {
    dataset: 'chorus_lignes',
    measures: ['montant_ae', 'nb_lignes'],
    dimensions: ['tags'],
    sort: [{ field: 'tags', dir: 'asc' }],
  },
  {
    dataset: 'chorus_lignes',
    measures: ['montant_ae', 'montant_cp', 'taux_paiement'],
    dimensions: ['region', 'tags'],
    filters: [{ field: 'tags', op: 'in', values: ['fonds_vert', 'petites_villes_de_demain'] }],
    subtotals: ['region'],
    totals: true,
    sort: [{ field: 'region', dir: 'asc' }],
  },
  {
    dataset: 'chorus_lignes',
    measures: ['montant_ae'],
    dimensions: ['tags'],
    topN: { n: 2, others: true },
  },
  {
    dataset: 'chorus_lignes',
    measures: ['nb_lignes'],
    filters: [{ field: 'tags', op: 'not_in', values: ['fonds_vert', 'relance'] }],
  },
  {
    dataset: 'dotations_investissement',
    measures: ['montant_subvention', 'nb_projets'],
    dimensions: ['tags'],
    sort: [{ field: 'tags', dir: 'asc' }],
  },
  {
    dataset: 'politique_ville_postes',
    measures: ['montant', 'nb_postes'],
    filters: [{ field: 'tags', op: 'eq', values: ['politique_ville'] }],
  },
];

describe('tags from the rules and by hand, a list per line', () => {
  const opened: Opened[] = [];
  const hasTag = (w: Warehouse, tag: string) =>
    w.dialect === 'postgres' ? `'${tag}' = ANY(tags)` : `list_contains(tags, '${tag}')`;

  beforeAll(async () => {
    const geo = GeoReference.load();
    for (const engine of engines) {
      const w = await engine.open();
      opened.push(w);
      for (const loader of [
        referenceLoader,
        programmesLoader,
        dotationsLoader,
        politiqueVilleLoader,
        chorusLoader(LINES),
      ]) {
        await loader.load({ seedDir, warehouse: w, geo });
      }
    }
  }, 240_000);
  afterAll(async () => {
    await Promise.all(opened.map((w) => w.dispose()));
  });

  it('tags Chorus lines as plain SQL on the programme and commune says, a line under each of its tags', async () => {
    for (const w of opened) {
      const fondsVert = await scalar(w, `SELECT count(*) FROM chorus_lignes WHERE programme = '0380'`);
      const relance = await scalar(
        w,
        `SELECT count(*) FROM chorus_lignes WHERE programme IN ('0362', '0363', '0364')`,
      );
      const inPvd = await scalar(
        w,
        `SELECT count(*) FROM chorus_lignes WHERE commune IN (${pvd.map((_, i) => `$${i + 1}`).join(', ')})`,
        pvd,
      );
      const aeFondsVert = await scalar(
        w,
        `SELECT sum(montant_ae) FROM chorus_lignes WHERE programme = '0380'`,
      );
      expect(fondsVert).toBeGreaterThan(100);
      expect(relance).toBeGreaterThan(100);
      const rows = byCode(await run(w, SPECS[0] as QuerySpec));
      // [code, label, montant_ae, nb_lignes]
      expect(rows.get('fonds_vert')?.slice(1)).toEqual(['Fonds vert', aeFondsVert, fondsVert]);
      expect(rows.get('relance')?.[3]).toBe(relance);
      // The seed pack's list has five communes: few or no demo lines there.
      expect(rows.get('petites_villes_de_demain')?.[3] ?? 0).toBe(inPvd);
      // Lines under several tags count under each: the tag rows add up to the lines' tags.
      const tagsHeld = await scalar(
        w,
        `SELECT sum(CASE WHEN tags IS NULL THEN 1 ELSE ${w.dialect === 'postgres' ? 'cardinality(tags)' : 'len(tags)'} END) FROM chorus_lignes`,
      );
      const sumRows = [...rows.values()].reduce((s, r) => s + Number(r[3]), 0);
      expect(sumRows).toBe(tagsHeld);
      expect(tagsHeld).toBeGreaterThan(LINES - 1);
    }
  });

  it('filters « has any of » / « has none of » as plain SQL does', async () => {
    for (const w of opened) {
      const list = pvd.map((_, i) => `$${i + 1}`).join(', ');
      const either = await scalar(
        w,
        `SELECT count(*) FROM chorus_lignes WHERE programme = '0380' OR commune IN (${list})`,
        pvd,
      );
      const result = await run(w, {
        dataset: 'chorus_lignes',
        measures: ['nb_lignes'],
        filters: [SPECS[1]?.filters?.[0] as never],
      });
      expect(result.rows[0]?.[0]).toBe(either);
      const neither = await scalar(
        w,
        `SELECT count(*) FROM chorus_lignes WHERE programme NOT IN ('0380', '0362', '0363', '0364')`,
      );
      expect((await run(w, SPECS[3] as QuerySpec)).rows[0]?.[0]).toBe(neither);
    }
  });

  it('tags the other datasets: DETR / DSIL / DSID by dotation, every politique de la ville post', async () => {
    for (const w of opened) {
      const rows = byCode(await run(w, SPECS[4] as QuerySpec));
      for (const [code, dotation] of [
        ['detr', 'DETR'],
        ['dsil', 'DSIL'],
        ['dsid', 'DSID'],
      ] as const) {
        expect(rows.get(code)?.[3]).toBe(
          await scalar(w, `SELECT count(*) FROM dotations_investissement WHERE dotation = $1`, [dotation]),
        );
      }
      const posts = await scalar(w, 'SELECT count(*) FROM politique_ville_postes');
      expect((await run(w, SPECS[5] as QuerySpec)).rows[0]?.[1]).toBe(posts);
    }
  });

  it.skipIf(!testDatabaseUrl)('gives identical results on DuckDB and PostgreSQL', async () => {
    for (const spec of SPECS) {
      const [a, b] = await Promise.all(opened.map((w) => run(w, spec)));
      expect(a?.rows.length).toBeGreaterThan(0);
      expect(b).toEqual(a);
    }
  });

  it('applies a new rule atomically to lines and rollups; a removed rule takes its tags away', async () => {
    const rules: TagRule[] = [
      ...defaultRules(seedDir).filter((r) => r.code !== 'fonds_vert'),
      {
        id: 99,
        code: 'bretagne_sud',
        label: 'Morbihan et Finistère',
        description: '',
        targets: [
          {
            dataset: 'chorus_lignes',
            conditions: [{ field: 'departement', op: 'in', values: ['56', '29'] }],
          },
          {
            dataset: 'dotations_investissement',
            conditions: [{ field: 'departement', op: 'starts_with', values: ['5'] }],
          },
        ],
      },
    ];
    for (const w of opened) {
      const before = await scalar(w, 'SELECT count(*) FROM chorus_lignes');
      const applied = await applyTagRules(w, rulesOnly(rules));
      expect(applied.find((a) => a.dataset === 'chorus_lignes')?.lines).toBe(before);
      const expected = await scalar(
        w,
        `SELECT count(*) FROM chorus_lignes WHERE departement IN ('56', '29')`,
      );
      const spec: QuerySpec = {
        dataset: 'chorus_lignes',
        measures: ['nb_lignes'],
        filters: [{ field: 'tags', op: 'in', values: ['bretagne_sud'] }],
      };
      expect((await run(w, spec)).rows[0]?.[0]).toBe(expected);
      expect(
        (await run(w, { ...spec, filters: [{ field: 'tags', op: 'in', values: ['fonds_vert'] }] }))
          .rows[0]?.[0],
      ).toBe(0);
      // The rollup was rebuilt from the same rows in the same swap.
      const has =
        w.dialect === 'postgres' ? `'bretagne_sud' = ANY(tags)` : `list_contains(tags, 'bretagne_sud')`;
      expect(await scalar(w, `SELECT sum(row_count) FROM chorus_lignes__r_annee_dep_prog WHERE ${has}`)).toBe(
        expected,
      );
      expect(await scalar(w, `SELECT count(*) FROM dotations_investissement WHERE ${has}`)).toBe(
        await scalar(w, `SELECT count(*) FROM dotations_investissement WHERE departement LIKE '5%'`),
      );
      // Back to the built-in rules.
      await applyTagRules(w, rulesOnly(defaultRules(seedDir)));
    }
  });

  it('merges rule and hand tags in one application, each tag once, and says where each came from', async () => {
    const first = opened[0] as Warehouse;
    const pick = async (sql: string) =>
      (await first.query(sql)).rows.map((r) => ({ ej: String(r[0]), poste: Number(r[1]) }));
    // Fonds vert lines (the rule tags them too) and lines of no built-in programme rule.
    const fondsVert = await pick(
      `SELECT ej, poste_ej FROM chorus_lignes WHERE programme = '0380' ORDER BY ej, poste_ej LIMIT 25`,
    );
    const others = await pick(
      `SELECT ej, poste_ej FROM chorus_lignes WHERE programme NOT IN ('0380', '0362', '0363', '0364', '0424', '0147') ORDER BY ej, poste_ej LIMIT 25`,
    );
    const byHand = [...fondsVert, ...others];
    const keys = byHand.map((l) => `${l.ej}:${l.poste}`);
    const keyList = keys.map((_, i) => `$${i + 1}`).join(', ');
    const lineKey = `ej || ':' || CAST(poste_ej AS VARCHAR)`;
    // A SIREN none of those lines belongs to, and a SIRET of the politique de la ville posts.
    const siren = String(
      (
        await first.query(
          `SELECT substr(beneficiaire, 1, 9) AS s FROM chorus_lignes WHERE length(beneficiaire) = 14
           GROUP BY s HAVING count(*) > 1 AND sum(CASE WHEN ${lineKey} IN (${keyList}) THEN 1 ELSE 0 END) = 0
           ORDER BY count(*) DESC, s LIMIT 1`,
          keys,
        )
      ).rows[0]?.[0],
    );
    const siret = String(
      (
        await first.query(
          `SELECT beneficiaire FROM politique_ville_postes WHERE length(beneficiaire) = 14
           GROUP BY beneficiaire ORDER BY count(*) DESC, beneficiaire LIMIT 1`,
        )
      ).rows[0]?.[0],
    );
    expect(siren).toMatch(/^[0-9]{9}$/);
    expect(siret).toMatch(/^[0-9]{14}$/);
    const rules = defaultRules(seedDir);
    const tagging: Tagging = {
      rules,
      batches: [
        { id: 1, label: 'Affectation manuelle n° 1 : fichier « essai.csv »' },
        { id: 2, label: 'Affectation manuelle n° 2 : SIRET' },
        { id: 3, label: 'Affectation manuelle n° 3 : SIREN' },
      ],
      assignments: [
        ...fondsVert.flatMap((l) =>
          ['fonds_vert', 'grand_plan_velo'].map((tag) => ({
            batch: 1,
            tag,
            target: { kind: 'ligne' as const, ...l },
          })),
        ),
        ...others.map((l) => ({
          batch: 1,
          tag: 'grand_plan_velo',
          target: { kind: 'ligne' as const, ...l },
        })),
        // An EJ the data does not have: kept, tags nothing, breaks nothing.
        { batch: 1, tag: 'grand_plan_velo', target: { kind: 'ligne', ej: 'INCONNU0001', poste: 1 } },
        ...['politique_ville', 'quartiers_solidaires'].map((tag) => ({
          batch: 2,
          tag,
          target: { kind: 'beneficiaire' as const, identifier: siret },
        })),
        { batch: 3, tag: 'grand_plan_velo', target: { kind: 'beneficiaire', identifier: siren } },
      ],
    };
    const byTagAndOrigin: QuerySpec = {
      dataset: 'chorus_lignes',
      measures: ['nb_lignes', 'montant_ae'],
      dimensions: ['tags', 'tags_origine'],
      filters: [{ field: 'tags', op: 'in', values: ['fonds_vert', 'grand_plan_velo'] }],
      sort: [
        { field: 'tags', dir: 'asc' },
        { field: 'tags_origine', dir: 'asc' },
      ],
    };
    const results = [];
    for (const w of opened) {
      const before = await scalar(w, 'SELECT count(*) FROM chorus_lignes');
      // What the preview of the upload and of the SIREN say, before anything is applied.
      const { found, euros } = await matchChorusLines(w, catalogue, [
        ...byHand,
        { ej: 'INCONNU0001', poste: 1 },
      ]);
      expect(found.size).toBe(byHand.length);
      expect(euros.map((e) => e.measure.id)).toEqual(['montant_ae', 'montant_cp']);
      const foundAe = [...found.values()].reduce((s, f) => s + (f.sums[0] ?? 0), 0);
      expect(foundAe).toBeCloseTo(
        await scalar(w, `SELECT sum(montant_ae) FROM chorus_lignes WHERE ${lineKey} IN (${keyList})`, keys),
        2,
      );
      const sirenLines = await scalar(
        w,
        `SELECT count(*) FROM chorus_lignes WHERE substr(beneficiaire, 1, 9) = $1 AND length(beneficiaire) = 14`,
        [siren],
      );
      const preview = await beneficiaryLines(w, siren);
      expect(preview.find((d) => d.dataset === 'chorus_lignes')?.lines).toBe(sirenLines);

      const applied = await applyTagRules(w, tagging);
      const chorus = applied.find((a) => a.dataset === 'chorus_lignes');
      expect(chorus?.lines).toBe(before);
      expect(chorus?.byHand).toBe(byHand.length + sirenLines);

      // The « Politique publique » filter: the manual tag's lines and euros, as plain SQL says.
      const planned = await run(w, {
        dataset: 'chorus_lignes',
        measures: ['nb_lignes', 'montant_ae'],
        filters: [{ field: 'tags', op: 'in', values: ['grand_plan_velo'] }],
      });
      const where = `${lineKey} IN (${keyList}) OR (length(beneficiaire) = 14 AND substr(beneficiaire, 1, 9) = $${keys.length + 1})`;
      expect(planned.rows[0]?.[0]).toBe(byHand.length + sirenLines);
      expect(planned.rows[0]?.[1]).toBeCloseTo(
        await scalar(w, `SELECT sum(montant_ae) FROM chorus_lignes WHERE ${where}`, [...keys, siren]),
        2,
      );
      // Fonds vert from the rule and by hand: once per line, its origin says both.
      const fondsVertLines = await scalar(w, `SELECT count(*) FROM chorus_lignes WHERE programme = '0380'`);
      // A line counts under each of its tags: keep the two asked for. [tag, label, origin, origin label, nb_lignes, montant_ae]
      const rows = (await run(w, byTagAndOrigin)).rows.filter(
        (r) => r[0] === 'fonds_vert' || r[0] === 'grand_plan_velo',
      );
      expect(rows.map((r) => [r[0], r[2], r[4]])).toEqual([
        ['fonds_vert', 'regle:fonds_vert', fondsVertLines - fondsVert.length],
        ['fonds_vert', 'regle:fonds_vert+manuel:1', fondsVert.length],
        ['grand_plan_velo', 'manuel:1', byHand.length],
        ['grand_plan_velo', 'manuel:3', sirenLines],
      ]);
      expect(rows[1]?.[1]).toBe('Fonds vert');
      expect(rows[1]?.[3]).toBe('Règle « Fonds vert » ; Affectation manuelle n° 1 : fichier « essai.csv »');
      expect(rows[2]?.[1]).toBe('Grand plan velo');
      const sample = fondsVert[0] as { ej: string; poste: number };
      const line = (
        await w.query(
          `SELECT tags, tags_label, tags_origine FROM chorus_lignes WHERE ej = $1 AND poste_ej = $2`,
          [sample.ej, sample.poste],
        )
      ).rows[0];
      expect(line).toEqual([
        ['fonds_vert', 'grand_plan_velo'],
        ['Fonds vert', 'Grand plan velo'],
        ['regle:fonds_vert+manuel:1', 'manuel:1'],
      ]);
      // The rollups were rebuilt from the same rows in the same swap.
      expect(
        await scalar(
          w,
          `SELECT sum(row_count) FROM chorus_lignes__r_annee_dep_prog WHERE ${hasTag(w, 'grand_plan_velo')}`,
        ),
      ).toBe(byHand.length + sirenLines);
      // A SIRET reaches every dataset naming it: its politique de la ville posts.
      const posts = await scalar(w, `SELECT count(*) FROM politique_ville_postes WHERE beneficiaire = $1`, [
        siret,
      ]);
      expect(posts).toBeGreaterThan(0);
      const quartiers = await run(w, {
        dataset: 'politique_ville_postes',
        measures: ['nb_postes'],
        dimensions: ['tags_origine'],
        filters: [{ field: 'tags', op: 'eq', values: ['quartiers_solidaires'] }],
        sort: [{ field: 'tags_origine', dir: 'asc' }],
      });
      // Each of its posts: politique de la ville by the rule and by hand (once), the new tag by hand.
      expect(quartiers.rows.map((r) => [r[0], r[2]])).toEqual(
        expect.arrayContaining([
          ['manuel:2', posts],
          ['regle:politique_ville+manuel:2', posts],
        ]),
      );
      results.push(rows);
      await applyTagRules(w, rulesOnly(rules));
      expect(
        await scalar(w, `SELECT count(*) FROM chorus_lignes WHERE ${hasTag(w, 'grand_plan_velo')}`),
      ).toBe(0);
    }
    if (results.length === 2) expect(results[1]).toEqual(results[0]);
  });
});
