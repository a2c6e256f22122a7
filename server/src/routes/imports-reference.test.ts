import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ImportJobAnswer, QueryResult } from '@dataetat/widgets';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import type { Settings } from '../config.ts';
import { chorusAeReport } from '../testing/chorus-file.ts';
import { openTestServices, seedDir } from '../testing/harness.ts';
import { loginAs, type TestSession } from '../testing/session.ts';
import { testDatabaseUrl } from '../warehouse/testing.ts';

/**
 * Issue 11, reference files over HTTP, on each engine (DuckDB; PostgreSQL when
 * TEST_DATABASE_URL is set): the Chorus « Calculette », `centre_cout.xlsx` and the localisation
 * interministérielle file are recognised from their content, previewed, confirmed and swapped
 * in; then (1) Chorus lines show the Calculette's labels and ministère in query answers and the
 * values endpoint, (2) a new Chorus import is placed with the imported centres de coûts and
 * localisations. Expected labels and counts are read here from the workbooks by fixed cell
 * positions (not through the reader's header detection); communes from the COG package.
 */

const CALCULETTE_PATH = path.join(seedDir, 'reference/Calculette_Chorus_test.xlsx');
const CENTRES_PATH = path.join(seedDir, 'reference/centre_cout.xlsx');
const LOC_PATH = path.join(seedDir, 'formats/other/LOC_INTERMIN_20230126.csv');
const QPV_LIEU_PATH = path.join(seedDir, 'formats/other/qpv_lieu_action.csv');

const require = createRequire(import.meta.url);
const communes = (
  require('@etalab/decoupage-administratif/data/communes.json') as {
    code: string;
    nom: string;
    type: string;
    departement?: string;
    codesPostaux?: string[];
  }[]
).filter((c) => c.type === 'commune-actuelle');
const communeOfPostcode = (postcode: string) => communes.filter((c) => c.codesPostaux?.includes(postcode));
const communeNamed = (nom: string, departement: string) =>
  communes.find((c) => c.nom === nom && c.departement === departement);

const cell = (sheet: ExcelJS.Worksheet, ref: string) => {
  const v = sheet.getCell(ref).value;
  return v === null || v === undefined ? null : String(v).trim();
};

/** Codes and labels of a Calculette sheet: code and label columns by letter, rows after `header`. */
function sheetEntries(sheet: ExcelJS.Worksheet, codeCol: string, labelCol: string, header: string) {
  let headerRow = 0;
  for (let r = 1; r <= 30 && !headerRow; r++) if (cell(sheet, `${codeCol}${r}`) === header) headerRow = r;
  expect(headerRow).toBeGreaterThan(0);
  const entries = new Map<string, string>();
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const code = cell(sheet, `${codeCol}${r}`);
    if (code) entries.set(code, cell(sheet, `${labelCol}${r}`) as string);
  }
  return entries;
}

async function workbook(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}
const sheetNamed = (wb: ExcelJS.Workbook, prefix: string) => {
  const sheet = wb.worksheets.find((s) => s.name.startsWith(prefix));
  if (!sheet) throw new Error(`onglet ${prefix} absent`);
  return sheet;
};
const toBuffer = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

interface Engine {
  readonly name: string;
  readonly settings: Partial<Settings>;
  dispose(): Promise<void>;
}
const schema = `dataetat_ref_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const engines: Engine[] = [
  { name: 'duckdb', settings: {}, dispose: async () => {} },
  ...(testDatabaseUrl
    ? [
        {
          name: 'postgres',
          settings: {
            warehouse: 'postgres' as const,
            warehouseDatabaseUrl: testDatabaseUrl,
            warehouseSchema: schema,
          },
          async dispose() {
            const admin = postgres(testDatabaseUrl ?? '', { max: 1, onnotice: () => {} });
            await admin.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
            await admin.end();
          },
        },
      ]
    : []),
];

describe.each(engines.map((e) => [e.name, e] as const))('reference imports on %s', (_name, engine) => {
  let services: Awaited<ReturnType<typeof openTestServices>>;
  let app: FastifyInstance;
  let admin: TestSession;
  const sql = async (text: string) => (await services.warehouse.query(text)).rows;

  beforeAll(async () => {
    services = await openTestServices({ chorusLines: 2_000, ...engine.settings });
    app = await buildApp(services, { logger: false });
    admin = await loginAs(app, 'admin@demo.local');
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await services?.cleanup();
    await engine.dispose();
  });

  const deposit = (bytes: Buffer | string, fileName: string) => {
    const data = new FormData();
    data.append('fichier', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), fileName);
    return app.inject({ method: 'POST', url: '/api/imports', headers: admin.headers, payload: data });
  };
  const job = async (id: number) => {
    const response = await app.inject({ url: `/api/imports/${id}`, headers: admin.headers });
    expect(response.statusCode).toBe(200);
    return response.json<ImportJobAnswer>();
  };
  const settled = async (id: number, status?: string) => {
    for (let i = 0; i < 1200; i++) {
      const answer = await job(id);
      const s = answer.job.status;
      if (status ? s === status : !['analysing', 'queued', 'running'].includes(s)) return answer;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`import ${id} toujours en cours`);
  };
  /** Deposits, waits for the analysis, returns it (with the job's first answer). */
  const analysed = async (bytes: Buffer | string, fileName: string) => {
    const response = await deposit(bytes, fileName);
    expect(response.statusCode, response.body).toBe(201);
    return settled(response.json<ImportJobAnswer>().job.id, 'awaiting_confirmation');
  };
  const confirm = async (id: number, body: Record<string, unknown> = {}) => {
    const confirmed = await app.inject({
      method: 'POST',
      url: `/api/imports/${id}/confirmation`,
      headers: admin.headers,
      payload: body,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    return settled(id);
  };
  const importChorus = async (text: string, region: string) => {
    const { job: read } = await analysed(text, 'rapport.csv');
    const done = await confirm(read.id, { region });
    expect(done.job.status, done.job.message ?? '').toBe('succeeded');
    return done;
  };
  const query = async (spec: Record<string, unknown>) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/query',
      headers: admin.headers,
      payload: spec,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<QueryResult>();
  };
  /** A test line's beneficiary: its own SIRET, made from its EJ. */
  const siretOf = (ej: string) => `9${ej}000`;
  const importedByEj = (ej: string) =>
    query({
      dataset: 'chorus_lignes',
      measures: ['montant_ae'],
      dimensions: ['commune', 'departement'],
      filters: [
        { field: 'origine', op: 'eq', values: ['importe'] },
        { field: 'beneficiaire', op: 'eq', values: [siretOf(ej)] },
      ],
    });

  it('the Calculette: recognised from its sheets, counted, previewed, swapped in; labels and ministère in answers', async () => {
    const wb = await workbook(CALCULETTE_PATH);
    const expected = {
      ministere: sheetEntries(sheetNamed(wb, '02'), 'A', 'C', 'Code ministère'),
      programme: sheetEntries(sheetNamed(wb, '03'), 'C', 'D', 'Code Programme'),
      domaine_fonctionnel: sheetEntries(sheetNamed(wb, '07'), 'E', 'F', 'Code'),
      centre_couts: sheetEntries(sheetNamed(wb, '09'), 'E', 'F', 'Code'),
      groupe_marchandise: sheetEntries(sheetNamed(wb, '19'), 'E', 'H', 'Sous-segment (GM)'),
    };
    const ministereOf = new Map<string, string>();
    const programmes = sheetNamed(wb, '03');
    for (let r = 1; r <= programmes.rowCount; r++) {
      const code = cell(programmes, `C${r}`);
      if (code && expected.programme.has(code)) ministereOf.set(code, cell(programmes, `A${r}`) as string);
    }
    // The centre and domaine fonctionnel of a Chorus line imported before the Calculette.
    const centre = [...expected.centre_couts.keys()][0] as string;
    const df = [...expected.domaine_fonctionnel.keys()].at(-1) as string;
    const programme = [...expected.programme.keys()][0] as string;
    const ministere = ministereOf.get(programme) as string;
    const gm = [...expected.groupe_marchandise.keys()].at(-1) as string;
    await importChorus(
      chorusAeReport([
        {
          programme: programme.replace(/^0/, ''),
          domaineFonctionnel: df,
          centreCouts: centre,
          ej: '2100000001',
          date: '15.03.2023',
          siret: '13000326200024',
          localisation: 'N11',
          cents: 123_456,
          groupeMarchandise: gm,
        },
      ]),
      '11',
    );
    const before = await query({
      dataset: 'chorus_lignes',
      measures: ['montant_ae'],
      dimensions: ['ministere', 'domaine_fonctionnel', 'centre_couts', 'groupe_marchandise'],
      filters: [{ field: 'origine', op: 'eq', values: ['importe'] }],
    });
    expect(before.rows).toEqual([[null, null, df, null, centre, null, gm, null, 1234.56]]);

    // Named as anything: the content says what it is.
    const { job: read } = await analysed(readFileSync(CALCULETTE_PATH), 'export.csv');
    expect(read.dataset).toBe('referentiel_calculette');
    expect(read.layout).toMatchObject({ id: 'calculette-chorus', carriesRegion: true });
    expect(read.contents).toEqual([
      { id: 'ministere', label: 'Ministères', count: expected.ministere.size },
      { id: 'programme', label: 'Programmes', count: expected.programme.size },
      { id: 'domaine_fonctionnel', label: 'Domaines fonctionnels', count: expected.domaine_fonctionnel.size },
      { id: 'centre_couts', label: 'Centres de coûts', count: expected.centre_couts.size },
      { id: 'groupe_marchandise', label: 'Groupes de marchandises', count: expected.groupe_marchandise.size },
    ]);
    const total = Object.values(expected).reduce((s, m) => s + m.size, 0);
    expect(read.counters).toMatchObject({ linesRead: total, linesValid: total, linesRejected: 0 });
    const [firstMinistere, firstLabel] = [...expected.ministere][0] as [string, string];
    expect(read.preview[0]).toMatchObject({
      kind: 'reference',
      referentiel: 'Ministères',
      code: firstMinistere,
      label: firstLabel,
    });
    const done = await confirm(read.id);
    expect(done.job.status, done.job.message ?? '').toBe('succeeded');
    expect(done.job.datasetLines).toBe(total);
    expect(await sql("SELECT count(*) FROM ref_chorus_libelles WHERE kind = 'centre_couts'")).toEqual([
      [expected.centre_couts.size],
    ]);

    const after = await query({
      dataset: 'chorus_lignes',
      measures: ['montant_ae'],
      dimensions: ['ministere', 'domaine_fonctionnel', 'centre_couts', 'groupe_marchandise'],
      filters: [{ field: 'origine', op: 'eq', values: ['importe'] }],
    });
    expect(after.rows).toEqual([
      [
        ministere,
        expected.ministere.get(ministere),
        df,
        expected.domaine_fonctionnel.get(df),
        centre,
        expected.centre_couts.get(centre),
        gm,
        expected.groupe_marchandise.get(gm),
        1234.56,
      ],
    ]);
    // The cache did not answer with the old labels: the data version moved.
    expect(after.meta.dataVersion).not.toBe(before.meta.dataVersion);

    // Demo lines of the Calculette's programmes have their ministère too, the others none.
    const byMinistere = await query({
      dataset: 'chorus_lignes',
      measures: ['nb_lignes'],
      dimensions: ['ministere'],
      filters: [{ field: 'ministere', op: 'not_null' }],
    });
    const codes = [...expected.programme.keys()].map((c) => `'${c}'`).join(', ');
    const plain = await sql(`SELECT count(*) FROM chorus_lignes WHERE programme IN (${codes})`);
    const perMinistere = new Map<string, number>();
    for (const row of byMinistere.rows) perMinistere.set(row[0] as string, row[2] as number);
    expect([...perMinistere.values()].reduce((s, n) => s + n, 0)).toBe(Number(plain[0]?.[0]));
    expect(byMinistere.rows.every((r) => r[1] === expected.ministere.get(r[0] as string))).toBe(true);

    // The values endpoint of a filter picker shows the label.
    const values = await app.inject({
      url: `/api/datasets/chorus_lignes/values/centre_couts?q=${encodeURIComponent(centre)}`,
      headers: admin.headers,
    });
    expect(values.statusCode).toBe(200);
    expect(values.json().values).toEqual([
      { value: centre, label: expected.centre_couts.get(centre), count: 1 },
    ]);

    // A new Chorus line of that centre, which no other referential places: at the centre's
    // département in the Calculette (`093` → 93).
    const centres = sheetNamed(wb, '09');
    let depCell: string | null = null;
    for (let r = 1; r <= centres.rowCount && !depCell; r++) {
      if (cell(centres, `E${r}`) === centre) depCell = cell(centres, `D${r}`);
    }
    const dep = (depCell as string).replace(/^0(?=\d{2}$)/, '');
    const depRegion = (
      await sql(`SELECT region FROM ref_departements WHERE code = '${dep}'`)
    )[0]?.[0] as string;
    await importChorus(
      chorusAeReport([
        {
          programme: '354',
          domaineFonctionnel: '0354-02',
          centreCouts: centre,
          ej: '2400000001',
          date: '01.02.2024',
          siret: siretOf('2400000001'),
          localisation: null,
          cents: 10_000,
        },
      ]),
      depRegion,
    );
    expect((await importedByEj('2400000001')).rows).toEqual([[null, null, dep, expect.any(String), 100]]);

    // A process that died once the swap had committed: the next start finds the job done, and
    // the version of `chorus_lignes`, recomposed with the labels, moves too.
    const labelsSpec = { dataset: 'chorus_lignes', measures: ['nb_lignes'], dimensions: ['ministere'] };
    const versionBefore = (await query(labelsSpec)).meta.dataVersion;
    const applied = await services.imports.jobs.get(read.id);
    await services.imports.jobs.update(read.id, {
      status: 'running',
      // Left working by another process, now gone (this one's own jobs are not recovered).
      result: { ...applied?.result, instance: 'processus-arrete' },
    });
    await services.imports.recover();
    expect((await job(read.id)).job.status).toBe('succeeded');
    expect((await query(labelsSpec)).meta.dataVersion).not.toBe(versionBefore);

    // The same file again: nothing changes.
    const { job: again } = await analysed(readFileSync(CALCULETTE_PATH), 'calculette.xlsx');
    expect((await confirm(again.id)).job.status).toBe('unchanged');
  }, 240_000);

  it('centre_cout.xlsx: the seed file places until one is imported; a moved centre places new lines at its new commune', async () => {
    const wb = await workbook(CENTRES_PATH);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    let row = 0;
    for (let r = 1; r <= sheet.rowCount; r++) if (cell(sheet, `B${r}`) === 'AAIAC00075') row = r;
    expect(row).toBeGreaterThan(0);
    const paris = communeOfPostcode(cell(sheet, `E${row}`) as string);
    expect(paris).toHaveLength(1);
    const line = (ej: string) => ({
      programme: '354',
      domaineFonctionnel: '0354-02',
      centreCouts: 'AAIAC00075',
      ej,
      date: '10.06.2022',
      siret: siretOf(ej),
      localisation: null,
      cents: 50_000,
    });
    await importChorus(chorusAeReport([line('2200000001')]), '11');
    expect((await importedByEj('2200000001')).rows).toEqual([
      [paris[0]?.code, paris[0]?.nom, '75', 'Paris', 500],
    ]);

    // The centre moves to Rennes.
    sheet.getCell(`E${row}`).value = '35000';
    sheet.getCell(`F${row}`).value = 'RENNES';
    const { job: read } = await analysed(await toBuffer(wb), 'centres.xlsx');
    expect(read.layout).toMatchObject({ id: 'centres-couts' });
    const codes = [...Array(sheet.rowCount).keys()].map((i) => cell(sheet, `B${i + 1}`)).filter(Boolean);
    // « Ctre coûts » itself is the header.
    expect(read.contents).toEqual([
      { id: 'centre_couts_lieu', label: 'Centres de coûts (code postal et ville)', count: codes.length - 1 },
    ]);
    expect(read.preview).toContainEqual(
      expect.objectContaining({ code: 'AAIAC00075', detail: '35000 RENNES', kind: 'reference' }),
    );
    expect((await confirm(read.id)).job.status).toBe('succeeded');

    const rennes = communeOfPostcode('35000');
    expect(rennes).toHaveLength(1);
    await importChorus(chorusAeReport([line('2200000002')]), '53');
    expect((await importedByEj('2200000002')).rows).toEqual([
      [rennes[0]?.code, rennes[0]?.nom, '35', 'Ille-et-Vilaine', 500],
    ]);
    // The line imported before keeps its place.
    expect((await importedByEj('2200000001')).rows[0]?.[0]).toBe(paris[0]?.code);
  }, 240_000);

  it('the localisation interministérielle file places a line whose code only it knows', async () => {
    const text = readFileSync(LOC_PATH, 'utf8');
    const [header, first] = text.split(/\r?\n/);
    const cells = (first as string).split(';');
    const [code, , , dep, , town] = cells as [string, string, string, string, string, string];
    const commune = communeNamed(town, dep);
    expect(commune).toBeDefined();
    const region = (await sql(`SELECT region FROM ref_departements WHERE code = '${dep}'`))[0]?.[0] as string;
    const line = (ej: string, cents: number) => ({
      programme: '354',
      domaineFonctionnel: '0354-02',
      centreCouts: null,
      ej,
      date: '10.06.2021',
      siret: siretOf(ej),
      localisation: code,
      cents,
    });
    const unplaced = await importChorus(chorusAeReport([line('2300000001', 70_000)]), region);
    expect(unplaced.job.counters.linesUnplaced).toBe(1);
    expect((await importedByEj('2300000001')).rows).toEqual([[null, null, null, null, 700]]);

    const { job: read } = await analysed(text, 'localisations.txt');
    expect(read.layout).toMatchObject({ id: 'localisations-interministerielles' });
    expect(read.encoding).toBe('utf-8');
    const rows = text
      .split(/\r?\n/)
      .slice(1)
      .filter((l) => l.trim() !== '');
    expect(read.contents).toEqual([
      { id: 'localisation', label: 'Localisations interministérielles', count: rows.length },
    ]);
    expect(header?.startsWith('Loc int;')).toBe(true);
    expect((await confirm(read.id)).job.status).toBe('succeeded');

    const placed = await importChorus(chorusAeReport([line('2300000002', 80_000)]), region);
    expect(placed.job.counters.linesUnplaced).toBe(0);
    const answer = await importedByEj('2300000002');
    expect(answer.rows).toEqual([[commune?.code, commune?.nom, dep, expect.any(String), 800]]);
  }, 240_000);

  it('qpv_lieu_action: places imported Chorus lines in their quartiers by EJ and year, split by their share, on the map; replaced whole; the same file again changes nothing', async () => {
    // Lines of the seed sample's three EJ, in Toulouse in 2022, then the sample itself.
    const amounts: Record<string, number> = {
      '2103609602': 1_234_567,
      '2103654187': 100_001,
      '2103609601': 77_777,
    };
    await importChorus(
      chorusAeReport(
        Object.entries(amounts).map(([ej, cents]) => ({
          programme: '147',
          domaineFonctionnel: '0147-01',
          centreCouts: null,
          ej,
          date: '15.05.2022',
          siret: siretOf(ej),
          localisation: 'N7631555',
          cents,
        })),
      ),
      '76',
    );
    const { job: sample } = await analysed(readFileSync(QPV_LIEU_PATH), 'export (3).txt');
    expect(sample.dataset).toBe('referentiel_qpv_lieu_action');
    expect(sample.layout).toMatchObject({ id: 'qpv-lieu-action' });
    expect(sample.counters).toMatchObject({ linesRead: 3, linesValid: 3, linesRejected: 0 });
    expect(sample.contents).toEqual([
      { id: 'qpv_lieu', label: 'Parts d’EJ dans un quartier prioritaire', count: 2 },
      { id: 'qpv_hors', label: 'Parts d’EJ hors quartier prioritaire (« NR »)', count: 1 },
    ]);
    expect(sample.preview[0]).toEqual({
      line: 2,
      kind: 'reference',
      referentiel: 'Parts d’EJ dans un quartier prioritaire',
      code: '2103609602',
      label: 'Quartier QP044017',
      detail: '50 % de l’EJ en 2022 ; QP044017 / QN04417I',
    });
    expect((await confirm(sample.id)).job.status).toBe('succeeded');

    /**
     * Independent figures: each imported line's cents (plain SQL on the unsplit lines) times the
     * shares written here, rounded to the cent (half away from zero); the rest without quartier.
     */
    const expectedByQpv = async (shares: readonly [string, string, number][]) => {
      const values = shares.map(([ej, qpv, share]) => `('${ej}', '${qpv}', ${share})`).join(', ');
      const rows = await sql(
        `SELECT m.qpv, m.share, CAST(i.montant_ae * 100 AS BIGINT) FROM chorus_import_lignes i
         JOIN (VALUES ${values}) AS m(ej, qpv, share) ON m.ej = i.ej WHERE i.commune = '31555'`,
      );
      const byQpv = new Map<string | null, number>();
      for (const [qpv, share, cents] of rows) {
        const part = Math.round((Number(cents) * Number(share)) / 10_000);
        byQpv.set(String(qpv), (byQpv.get(String(qpv)) ?? 0) + part);
      }
      const total = Number(
        (
          await sql(
            "SELECT CAST(SUM(montant_ae) * 100 AS BIGINT) FROM chorus_import_lignes WHERE commune = '31555'",
          )
        )[0]?.[0],
      );
      byQpv.set(null, total - [...byQpv.values()].reduce((a, b) => a + b, 0));
      return byQpv;
    };
    const answeredByQpv = async () => {
      const answer = await query({
        dataset: 'chorus_lignes',
        measures: ['montant_ae'],
        dimensions: ['qpv'],
        filters: [
          { field: 'origine', op: 'eq', values: ['importe'] },
          { field: 'commune', op: 'eq', values: ['31555'] },
        ],
      });
      return {
        answer,
        cents: new Map(answer.rows.map((r) => [r[0] as string | null, Math.round((r[2] as number) * 100)])),
        labels: new Map(answer.rows.map((r) => [r[0] as string | null, r[1]])),
      };
    };
    const first = await answeredByQpv();
    expect(first.cents).toEqual(
      await expectedByQpv([
        ['2103609602', 'QP044017', 5000],
        ['2103609601', 'QP044011', 2000],
      ]),
    );
    // 12 345,67 € × 50 % = 6 172,835 → 6 172,84 in the quartier, 6 172,83 without.
    expect(first.cents.get('QP044017')).toBe(617_284);
    expect(first.labels.get('QP044017')).toBe('Quartier QP044017');
    // Per EJ and quartier, as plain SQL over chorus_lignes sees them: the EJ's total is unchanged.
    expect(
      await sql(`SELECT ej, qpv, CAST(SUM(montant_ae) * 100 AS BIGINT), COUNT(*) FROM chorus_lignes
        WHERE origine = 'importe' AND commune = '31555' GROUP BY ej, qpv ORDER BY ej, qpv NULLS LAST`),
    ).toEqual([
      ['2103609601', 'QP044011', 15_555, 1],
      ['2103609601', null, 77_777 - 15_555, 1],
      ['2103609602', 'QP044017', 617_284, 1],
      ['2103609602', null, 617_283, 1],
      ['2103654187', null, 100_001, 1],
    ]);

    // A second file replaces the first whole: Toulouse's quartiers (2015 boundaries), a 2024 code
    // the file links to a 2015 one, another it does not link, « NR », and lines the report refuses.
    const quartierNames = new Map(
      (
        JSON.parse(readFileSync(path.join(seedDir, 'qpv/qpv-2015-occitanie.geojson'), 'utf8')) as {
          features: { properties: { code_qp: string; nom_qp: string; nom_commune: string } }[];
        }
      ).features.map((f) => [f.properties.code_qp, `${f.properties.nom_qp} (${f.properties.nom_commune})`]),
    );
    const second = [
      'reference;annee;ej;code_qpv;code_qp2024;ratio_montant_ej',
      'R1;2022;2103609602;QP031010;;6000',
      'R2;2022;2103609602;;QN03101X;4000',
      'R3;2022;2103609601;QP031009;QN03102Y;2500',
      'R4;2022;2103609601;NR;QN03102Y;2500',
      'R5;2022;2103654187;NR;;10000',
      'R6;2022;2103700001;QP031010;;abc',
      'R7;22;2103700001;QP031010;;100',
      'R8;2022;;QP031010;;100',
      'R9;2022;2103700002;QX1;;100',
      'R10;2022;2103700003;;;100',
      'R11;2022;2103700004;QP031010;;6000',
      'R12;2022;2103700004;QP031009;;6000',
      'R13;2022;2103700005;QP031010;;100',
      'R13;2022;2103700005;QP031010;;100',
      'R14;;2103700006;QP031010;;100',
      'R15;2022;2103700006;QP031009;;100',
      'R16;2022;2,10E+09;QP031010;;100',
      'R17;2022;2103700007;QP031010;;12000',
    ].join('\r\n');
    const { job: strict } = await analysed(second, 'lieux.csv');
    expect(strict.counters).toMatchObject({ linesRead: 18, linesValid: 6, linesRejected: 12 });
    const failed = await confirm(strict.id);
    expect(failed.job.status).toBe('failed');
    expect(failed.job.message).toMatch(/^12 lignes invalides \(voir le rapport\) : rien n’a été importé/);
    expect((await answeredByQpv()).cents).toEqual(first.cents);

    const report = await app.inject({ url: `/api/imports/${strict.id}/rapport.csv`, headers: admin.headers });
    const reported = parse(report.body, { delimiter: ';', bom: true }) as string[][];
    expect(reported[0]).toEqual(['Ligne', 'Colonne', 'Valeur', 'Motif']);
    const reasons = new Map(reported.slice(1).map((r) => [Number(r[0]), r.join(';')]));
    expect([...reasons.keys()]).toEqual([7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19]);
    expect(reasons.get(7)).toMatch(
      /^7;ratio_montant_ej;abc;Part illisible : attendu un entier de 1 à 10 000/,
    );
    expect(reasons.get(8)).toMatch(/^8;annee;22;Année invalide/);
    expect(reasons.get(9)).toMatch(/^9;ej;;N° EJ vide/);
    expect(reasons.get(10)).toMatch(/^10;code_qpv;QX1;Code de quartier illisible/);
    expect(reasons.get(11)).toMatch(/^11;code_qpv;;Aucun code de quartier .*écrivez « NR »/);
    expect(reasons.get(12)).toMatch(
      /^12;ratio_montant_ej;6000;Les parts de l’EJ 2103700004 en 2022 dépassent tout l’EJ : 120 % au total \(lignes 12, 13\)/,
    );
    expect(reasons.get(13)).toMatch(/^13;ratio_montant_ej;6000;Les parts de l’EJ 2103700004/);
    expect(reasons.get(15)).toMatch(
      /^15;ej;2103700005;Placement en double : même EJ, année, référence et quartier que la ligne 14\./,
    );
    expect(reasons.get(16)).toMatch(/^16;annee;;L’EJ 2103700006 a des lignes avec et sans année/);
    expect(reasons.get(17)).toMatch(/^17;annee;2022;L’EJ 2103700006 a des lignes avec et sans année/);
    expect(reasons.get(18)).toMatch(/^18;ej;2,10E\+09;N° EJ écrit en notation scientifique/);
    expect(reasons.get(19)).toMatch(/^19;ratio_montant_ej;12000;Part hors limites \(12\s000\)/);
    // Line 14 itself is kept: only its double goes.
    expect(reasons.has(14)).toBe(false);

    const { job: lenient } = await analysed(second, 'lieux.csv');
    const applied = await confirm(lenient.id, { mode: 'ignorer_invalides' });
    expect(applied.job.status, applied.job.message ?? '').toBe('succeeded');
    expect(applied.job.datasetLines).toBe(6);
    const placed = await answeredByQpv();
    expect(placed.cents).toEqual(
      await expectedByQpv([
        ['2103609602', 'QP031010', 6000],
        ['2103609602', 'QN03101X', 4000],
        // QN03102Y is linked to QP031009 by line 4: both lines go to the 2015 quartier.
        ['2103609601', 'QP031009', 2500],
        ['2103609601', 'QP031009', 2500],
      ]),
    );
    // 60 % + 40 % of 12 345,67 € round to 7 407,40 + 4 938,27: the whole EJ, no line left without quartier.
    expect(placed.cents.get('QP031010')).toBe(740_740);
    expect(placed.cents.get('QN03101X')).toBe(493_827);
    expect(placed.cents.has('QP044017')).toBe(false);
    expect(placed.labels.get('QP031010')).toBe(quartierNames.get('QP031010'));
    expect(placed.labels.get('QP031009')).toBe(quartierNames.get('QP031009'));
    expect(placed.labels.get('QN03101X')).toBe('Quartier QN03101X (code 2024)');
    expect(placed.answer.meta.dataVersion).not.toBe(first.answer.meta.dataVersion);
    // The map draws the 2015 quartiers; the unlinked 2024 code has no boundary (the legend counts it).
    const shapes = new Set(
      (
        (await app.inject('/api/geo/qpv')).json() as { features: { properties: { code: string } }[] }
      ).features.map((f) => f.properties.code),
    );
    expect(shapes.has('QP031010') && shapes.has('QP031009')).toBe(true);
    expect(shapes.has('QN03101X')).toBe(false);
    // The cross-source dataset has the quartier of the Chorus lines too.
    const crossSource = await query({
      dataset: 'financements_publics',
      measures: ['nb_lignes'],
      dimensions: ['qpv'],
      filters: [
        { field: 'qpv', op: 'in', values: ['QP031010', 'QP031009', 'QN03101X'] },
        { field: 'origine', op: 'eq', values: ['importe'] },
      ],
      sort: [{ field: 'qpv', dir: 'asc' }],
    });
    expect(crossSource.rows).toEqual([
      ['QN03101X', 'Quartier QN03101X (code 2024)', 1],
      ['QP031009', quartierNames.get('QP031009'), 2],
      ['QP031010', quartierNames.get('QP031010'), 1],
    ]);

    // The same file again: nothing changes, not even the data version.
    const { job: again } = await analysed(second, 'lieux-bis.csv');
    expect((await confirm(again.id, { mode: 'ignorer_invalides' })).job.status).toBe('unchanged');
    const still = await answeredByQpv();
    expect(still.cents).toEqual(placed.cents);
    expect(still.answer.meta.dataVersion).toBe(placed.answer.meta.dataVersion);

    // A later Chorus import is placed with the file in force: EJ 2103700005 (line 14) is 1 % in Empalot.
    await importChorus(
      chorusAeReport(
        Object.entries({ ...amounts, '2103700005': 1_000_000 }).map(([ej, cents]) => ({
          programme: '147',
          domaineFonctionnel: '0147-01',
          centreCouts: null,
          ej,
          date: '15.05.2022',
          siret: siretOf(ej),
          localisation: 'N7631555',
          cents,
        })),
      ),
      '76',
    );
    const later = await answeredByQpv();
    expect(later.cents.get('QP031010')).toBe(740_740 + 10_000);
    expect(later.cents).toEqual(
      await expectedByQpv([
        ['2103609602', 'QP031010', 6000],
        ['2103609602', 'QN03101X', 4000],
        ['2103609601', 'QP031009', 2500],
        ['2103609601', 'QP031009', 2500],
        ['2103700005', 'QP031010', 100],
      ]),
    );
  }, 240_000);

  it('refuses a Calculette missing a sheet, a damaged header, an unknown workbook, a qpv_lieu_action file without its shares, naming what and where', async () => {
    const refused = async (bytes: Buffer | string) => {
      const response = await deposit(bytes, 'fichier.xlsx');
      expect(response.statusCode).toBe(422);
      const error = response.json().error;
      expect(error.code).toBe('IMPORT_REFUSED');
      const prefix = 'Fichier refusé, rien n’a été importé : ';
      expect(error.message.startsWith(prefix)).toBe(true);
      return (error.message as string).slice(prefix.length);
    };
    const missing = await workbook(CALCULETTE_PATH);
    missing.removeWorksheet(sheetNamed(missing, '07').id);
    expect(await refused(await toBuffer(missing))).toMatch(
      /^Onglet manquant : « 07 - Domaines Fonct\. \(DF\) »\. Le classeur est reconnu comme la Calculette Chorus/,
    );

    const damaged = await workbook(CALCULETTE_PATH);
    const centres = sheetNamed(damaged, '09');
    let header = 0;
    for (let r = 1; r <= 30; r++) if (cell(centres, `F${r}`) === 'Intitulé') header = r;
    centres.getCell(`F${header}`).value = 'Intit.';
    const message = await refused(await toBuffer(damaged));
    expect(message).toContain(
      `En-tête abîmé dans l’onglet « ${centres.name} » (en-tête trouvé ligne ${header})`,
    );
    expect(message).toContain('colonne « Intitulé (sous « Centre de coûts ») » introuvable');

    const other = new ExcelJS.Workbook();
    other.addWorksheet('Feuil1').addRow(['Nom', 'Montant']);
    expect(await refused(await toBuffer(other))).toMatch(
      /^Ce classeur Excel \(onglet « Feuil1 »\) n’est pas un référentiel reconnu\./,
    );

    const loc = readFileSync(LOC_PATH, 'utf8').replace(';Commune;', ';Comune;');
    expect(await refused(loc)).toMatch(/^En-tête abîmé ligne 1 : colonne « Commune » introuvable\./);

    const qpvLieu = readFileSync(QPV_LIEU_PATH, 'utf8').replace('"ratio_montant_ej"', '"part"');
    expect(await refused(qpvLieu)).toMatch(
      /^En-tête abîmé ligne 1 : colonne « ratio_montant_ej » introuvable\. Le fichier est reconnu comme « Lieux d’action en quartier prioritaire \(qpv_lieu_action\) »/,
    );

    const centresFile = await workbook(CENTRES_PATH);
    const centresSheet = centresFile.worksheets[0] as ExcelJS.Worksheet;
    centresSheet.getCell('E7').value = 'Code';
    expect(await refused(await toBuffer(centresFile))).toContain(
      `En-tête abîmé dans l’onglet « ${centresSheet.name} » (en-tête trouvé ligne 7) : colonne « Cde postal » introuvable`,
    );
  }, 120_000);
});
