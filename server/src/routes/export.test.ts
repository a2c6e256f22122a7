import { pivotQuery, type QuerySpec } from '@dataetat/widgets';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { openExport } from '../export/rows.ts';
import { openTestServices } from '../testing/harness.ts';
import { loginAs, type TestSession } from '../testing/session.ts';

let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;
let admin: TestSession;

beforeAll(async () => {
  services = await openTestServices();
  app = await buildApp(services, { logger: false });
  admin = await loginAs(app, 'admin@demo.local');
});
afterAll(async () => {
  await app.close();
  await services.cleanup();
});

/** Departements × dotation with a subtotal per departement (the DETR/DSIL/DSID real data). */
const spec: QuerySpec = {
  dataset: 'dotations_investissement',
  measures: ['montant_subvention', 'nb_projets', 'taux_subvention'],
  dimensions: ['departement', 'dotation'],
  sort: [
    { field: 'departement', dir: 'asc' },
    { field: 'dotation', dir: 'asc' },
  ],
  subtotals: ['departement'],
  // A widget's page: the export ignores it and writes every row.
  limit: 10,
  offset: 20,
};

/** Independent sums straight from the warehouse table. */
async function sqlSums(): Promise<{ total: number; count: number; byDepartement: Map<string, number> }> {
  const all = await services.warehouse.query(
    'SELECT sum(montant_subvention), count(*) FROM dotations_investissement',
  );
  const grouped = await services.warehouse.query(
    'SELECT departement, sum(montant_subvention) FROM dotations_investissement GROUP BY departement',
  );
  const [total, count] = all.rows[0] as [unknown, unknown];
  return {
    total: Number(total),
    count: Number(count),
    byDepartement: new Map(grouped.rows.map((r) => [String(r[0]), Number(r[1])])),
  };
}

/** RFC 4180 reader with `;` (written for the test, independent of the writer). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

const frenchNumber = (text: string): number => Number(text.replace(',', '.'));

function exportRequest(format: string, payload: unknown, session: TestSession | null = admin) {
  return app.inject({
    method: 'POST',
    url: `/api/query/export?format=${format}`,
    payload: payload as object,
    ...(session && { headers: session.headers }),
  });
}

describe('POST /api/query/export?format=csv', () => {
  it('writes a French CSV with subtotals after their group and the SQL totals', async () => {
    const response = await exportRequest('csv', spec);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="dotations_investissement-\d{4}-\d\d-\d\d\.csv"$/,
    );
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe(
      'Département;Département (libellé);Dotation;Montant accordé;Nombre de projets;Taux de subvention',
    );

    const [header, ...body] = parseCsv(text);
    expect(header).toHaveLength(6);
    const totals = body.at(-1) ?? [];
    const sums = await sqlSums();
    expect(totals[0]).toBe('Total');
    expect(frenchNumber(totals[3] ?? '')).toBeCloseTo(sums.total, 2);
    expect(Number(totals[4])).toBe(sums.count);
    // Decimal comma, no thousands separator: French Excel reads it as a number.
    expect(totals[3]).toMatch(/^\d+(,\d+)?$/);

    const detail = body.filter((r) => r[2] !== 'Sous-total' && r[0] !== 'Total');
    const subtotals = body.filter((r) => r[2] === 'Sous-total');
    // Every departement of the data, not the widget's page of 10.
    expect(subtotals).toHaveLength(sums.byDepartement.size);
    expect(detail.length).toBeGreaterThan(100);
    for (const row of subtotals) {
      expect(frenchNumber(row[3] ?? '')).toBeCloseTo(sums.byDepartement.get(row[0] ?? '') ?? Number.NaN, 2);
    }
    // Each subtotal closes its group: the row before it is a detail row of the same departement,
    // the row after it (if any) belongs to another one.
    body.forEach((row, i) => {
      if (row[2] !== 'Sous-total') return;
      expect(body[i - 1]?.[0]).toBe(row[0]);
      expect(body[i - 1]?.[2]).not.toBe('Sous-total');
      const next = body[i + 1];
      if (next && next[0] !== 'Total') expect(next[0]).not.toBe(row[0]);
    });
    // The detail sums back to the total: nothing lost or doubled between pages.
    const detailSum = detail.reduce((s, r) => s + frenchNumber(r[3] ?? '0'), 0);
    expect(detailSum).toBeCloseTo(sums.total, 0);
  });

  it('answers a bad spec with a French 400 naming the field, before any byte of file', async () => {
    const response = await exportRequest('csv', { ...spec, measures: ['montant_inconnu'] });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = response.json();
    expect(body.error.code).toBe('SPEC_UNKNOWN_FIELD');
    expect(body.error.details.path).toBe('/measures/0');
    expect(body.error.message).toContain('montant_inconnu');

    const anonymous = await exportRequest('csv', spec, null);
    expect(anonymous.statusCode).toBe(401);

    const format = await exportRequest('pdf', spec);
    expect(format.statusCode).toBe(400);
    expect(format.json().error).toMatchObject({
      code: 'EXPORT_FORMAT',
      message: 'Format d’export « pdf » inconnu (paramètre format) : csv ou xlsx attendu.',
    });
  });
});

describe('a pivot’s cross-tab', () => {
  // As the pivot widget sends it: dotation in columns, région › département in rows.
  const crossTab = pivotQuery(
    {
      dataset: 'dotations_investissement',
      measures: ['montant_subvention'],
      dimensions: ['region', 'departement', 'dotation'],
    },
    { columns: ['dotation'] },
  );

  it('keeps the layout of the screen: one column per dotation, a Total column, subtotals and totals', async () => {
    const response = await exportRequest('csv', crossTab);
    expect(response.statusCode).toBe(200);
    const [header, ...body] = parseCsv(response.rawPayload.toString('utf8').slice(1));
    const dotations = (
      await services.warehouse.query('SELECT DISTINCT dotation FROM dotations_investissement ORDER BY 1')
    ).rows.map((r) => String(r[0]));
    expect(header).toEqual([
      'Région',
      'Région (libellé)',
      'Département',
      'Département (libellé)',
      ...dotations.map((d) => `${d} — Montant accordé`),
      'Total — Montant accordé',
    ]);
    const cell = (d: string) => (header as string[]).indexOf(`${d} — Montant accordé`);
    const sums = async (group: string) =>
      new Map(
        (
          await services.warehouse.query(
            `SELECT ${group}, sum(montant_subvention) FROM dotations_investissement GROUP BY ALL`,
          )
        ).rows.map((r) => [r.slice(0, -1).map(String).join('|'), Number(r.at(-1))]),
      );
    const byDepDotation = await sums('departement, dotation');
    const byDep = await sums('departement');
    const byRegion = await sums('region');
    const detail = body.filter((r) => r[2] !== 'Sous-total' && r[0] !== 'Total');
    expect(detail).toHaveLength(byDep.size);
    for (const row of detail) {
      const dep = row[2] as string;
      for (const d of dotations) {
        const expected = byDepDotation.get(`${dep}|${d}`);
        const written = row[cell(d)] ?? '';
        if (expected === undefined) expect(written).toBe('');
        else expect(frenchNumber(written)).toBeCloseTo(expected, 2);
      }
      expect(frenchNumber(row[cell('Total')] ?? '')).toBeCloseTo(byDep.get(dep) ?? Number.NaN, 2);
    }
    // A région's subtotal row comes after its départements, with its row total.
    const subtotals = body.filter((r) => r[2] === 'Sous-total');
    expect(subtotals).toHaveLength(byRegion.size);
    for (const row of subtotals) {
      expect(frenchNumber(row[cell('Total')] ?? '')).toBeCloseTo(byRegion.get(row[0] ?? '') ?? Number.NaN, 2);
    }
    const totals = body.at(-1) ?? [];
    expect(totals[0]).toBe('Total');
    expect(frenchNumber(totals[cell('Total')] ?? '')).toBeCloseTo((await sqlSums()).total, 2);
  });

  it('writes the same grid in the XLSX', async () => {
    const response = await exportRequest('xlsx', crossTab);
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Données');
    if (!sheet) throw new Error('feuille Données absente');
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header.at(-1)).toBe('Total — Montant accordé');
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('Total');
    expect(Number(last.getCell(header.length).value)).toBeCloseTo((await sqlSums()).total, 2);
  });
});

describe('security context', () => {
  it('exports only the caller’s région', async () => {
    const bretagne = await loginAs(app, 'lecteur.bretagne@demo.local');
    const response = await exportRequest(
      'csv',
      { dataset: 'dotations_investissement', measures: ['montant_subvention'], dimensions: ['region'] },
      bretagne,
    );
    expect(response.statusCode).toBe(200);
    const [, ...body] = parseCsv(response.rawPayload.toString('utf8').slice(1));
    const expected = await services.warehouse.query(
      "SELECT sum(montant_subvention) FROM dotations_investissement WHERE region = '53'",
    );
    expect(body.map((r) => r[0])).toEqual(['53', 'Total']);
    expect(frenchNumber(body[1]?.[2] ?? '')).toBeCloseTo(Number(expected.rows[0]?.[0]), 2);
  });

  it('leaves a trace in the audit log: who exported which dataset, with which spec', async () => {
    const bretagne = await loginAs(app, 'lecteur.bretagne@demo.local');
    const spec = { dataset: 'dotations_investissement', measures: ['nb_projets'], dimensions: ['dotation'] };
    expect((await exportRequest('xlsx', spec, bretagne)).statusCode).toBe(200);
    const [entry] = await services.audit.latest(1, 'export');
    expect(entry).toMatchObject({
      action: 'export',
      outcome: 'success',
      actorEmail: 'lecteur.bretagne@demo.local',
      target: 'dotations_investissement',
      details: { format: 'xlsx', spec },
    });
  });
});

describe('POST /api/query/export?format=xlsx', () => {
  it('writes typed, formatted numbers, styled subtotals, totals and a « Source » sheet', async () => {
    const hostile = '=HYPERLINK("http://x";"clic")';
    const response = await exportRequest('xlsx', {
      ...spec,
      filters: [{ field: 'dotation', op: 'not_in', values: [hostile] }],
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers['content-disposition']).toMatch(
      /filename="dotations_investissement-\d{4}-\d\d-\d\d\.xlsx"/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Données');
    if (!sheet) throw new Error('feuille Données absente');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = sheet.getRow(1);
    expect(header.getCell(1).value).toBe('Département');
    expect(header.getCell(4).value).toBe('Montant accordé');
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(sheet.getColumn(2).width).toBeGreaterThan(12);

    const sums = await sqlSums();
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('Total');
    expect(last.getCell(4).value).toBeCloseTo(sums.total, 2);
    expect(last.getCell(4).font?.bold).toBe(true);
    expect(last.getCell(5).value).toBe(sums.count);

    const detail = sheet.getRow(2);
    expect(typeof detail.getCell(4).value).toBe('number');
    // Written `#,##0.00\ "€"`; exceljs's reader gives it back without the escape.
    const euro = '#,##0.00 "€"';
    expect(detail.getCell(4).numFmt?.replace('\\', '')).toBe(euro);
    expect(detail.getCell(5).numFmt).toBe('#,##0');
    expect(detail.getCell(6).numFmt).toBe('0.0%');
    expect(detail.getCell(4).font?.bold).not.toBe(true);

    let subtotalRows = 0;
    sheet.eachRow((row) => {
      if (row.getCell(3).value !== 'Sous-total') return;
      subtotalRows++;
      expect(row.getCell(4).font?.bold).toBe(true);
      expect(row.getCell(4).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FFECECFE' } });
      expect(row.getCell(4).numFmt?.replace('\\', '')).toBe(euro);
      expect(row.getCell(4).value).toBeCloseTo(sums.byDepartement.get(String(row.getCell(1).value)) ?? 0, 2);
    });
    expect(subtotalRows).toBe(sums.byDepartement.size);

    const about = workbook.getWorksheet('Source');
    if (!about) throw new Error('feuille Source absente');
    const lines = new Map<string, string>();
    about.eachRow((row) => lines.set(String(row.getCell(1).value), String(row.getCell(2).value)));
    expect(lines.get('Jeu de données')).toContain('DETR, DSIL, DSID');
    expect(lines.get('Licence')).toBe('Licence Ouverte / Etalab 2.0');
    expect(lines.get('Données de démonstration')).toBe('non');
    expect(lines.get('Date des données')).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    expect(lines.get('Date de l’export')).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    // The hostile filter value is written as plain text, never as a formula.
    expect(lines.get('Filtres appliqués')).toBe(`Dotation hors de « ${hostile} »`);
    about.eachRow((row) => {
      expect(typeof row.getCell(2).value).toBe('string');
    });
  });
});

describe('words of a file', () => {
  it('names filtered codes and the territory with their labels in the « Source » sheet', async () => {
    const bretagne = await loginAs(app, 'lecteur.bretagne@demo.local');
    const response = await exportRequest(
      'xlsx',
      {
        dataset: 'dotations_investissement',
        measures: ['montant_subvention'],
        dimensions: ['dotation'],
        filters: [{ field: 'departement', op: 'in', values: ['35', '29'] }],
      },
      bretagne,
    );
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const lines = new Map<string, string>();
    workbook
      .getWorksheet('Source')
      ?.eachRow((row) => lines.set(String(row.getCell(1).value), String(row.getCell(2).value)));
    // The labels as the loaded table has them, read straight from the warehouse.
    const label = async (column: string, code: string) => {
      const found = await services.warehouse.query(
        `SELECT DISTINCT ${column}_label FROM dotations_investissement WHERE ${column} = '${code}'`,
      );
      return String(found.rows[0]?.[0]);
    };
    expect(lines.get('Filtres appliqués')).toBe(
      `Département parmi « ${await label('departement', '35')} (35) », « ${await label('departement', '29')} (29) »`,
    );
    expect(lines.get('Périmètre')).toBe(`${await label('region', '53')} (région 53)`);
  });

  it('writes rates as percentages in a CSV, equal to the query API figures', async () => {
    const rates: QuerySpec = {
      dataset: 'dotations_investissement',
      measures: ['taux_subvention'],
      dimensions: ['dotation'],
      sort: [{ field: 'dotation', dir: 'asc' }],
    };
    const response = await exportRequest('csv', rates);
    expect(response.statusCode).toBe(200);
    const [header = [], ...body] = parseCsv(response.rawPayload.toString('utf8').slice(1));
    const answer = await app.inject({
      method: 'POST',
      url: '/api/query',
      headers: admin.headers,
      payload: rates,
    });
    const { columns, rows } = answer.json() as { columns: { id: string }[]; rows: unknown[][] };
    const measureAt = columns.findIndex((c) => c.id === 'taux_subvention');
    const expected = rows.map((r) => r[measureAt] as number);
    // The rate is the file's last column (after the dotation's code and label).
    const written = body.filter((r) => r[0] !== 'Total').map((r) => r[header.length - 1] ?? '');
    expect(written.length).toBe(expected.length);
    for (const [i, text] of written.entries()) {
      expect(text).toMatch(/^\d+(,\d+)?%$/);
      expect(frenchNumber(text.slice(0, -1)) / 100).toBeCloseTo(expected[i] ?? Number.NaN, 8);
    }
  });
});

describe('paged reading', () => {
  it('gives the same rows in small pages, each subtotal once, and stops at the cap', async () => {
    const deps = { queries: services.queries, versions: services.versions, maxRows: 1_000_000 };
    const collect = async (pageSize: number, maxRows = deps.maxRows) => {
      const source = await openExport({ ...deps, pageSize, maxRows }, spec, { scope: 'NAT' });
      const rows = [];
      for await (const batch of source.batches()) rows.push(...batch);
      return { rows, progress: source.progress };
    };
    const whole = await collect(50_000);
    const paged = await collect(7);
    expect(paged.rows).toEqual(whole.rows);
    expect(paged.progress).toEqual({ detailRows: whole.progress.detailRows, truncated: false });

    const capped = await collect(4, 10);
    expect(capped.progress).toEqual({ detailRows: 10, truncated: true });
    expect(capped.rows.filter((r) => r.level === 0)).toEqual(
      whole.rows.filter((r) => r.level === 0).slice(0, 10),
    );
  });
});
