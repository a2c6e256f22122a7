import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchChromium,
  plainSpaces,
  repoRoot,
  runAxe,
  screenshot,
  screenshotsDir,
  signIn,
} from './browser.ts';
import { startE2eServer, type TestServer } from './server.ts';

/**
 * Journey (issue 11): an administrator imports Chorus files from « Administration › Imports ».
 * A refused file (PDF renamed .csv, empty file) shows the server's French reason; a regional AE
 * report shows its format, first lines, counts and problems, is confirmed with « ignorer les
 * lignes invalides » for Bretagne, and its outcome and history line (with the report) follow;
 * on a phone-sized screen a CP report is dropped on the zone, found again after leaving the
 * page, and confirmed. axe (WCAG 2.1 AA) finds nothing on each state, at 1440 and 390 px.
 *
 * Imports replace data other journeys read: this file has a server of its own (small demo).
 */

const SAMPLES = path.resolve(repoRoot, '../shared/data/formats/chorus');
const CALCULETTE = path.resolve(repoRoot, '../shared/data/reference/Calculette_Chorus_test.xlsx');
const LOCALISATIONS = path.resolve(repoRoot, '../shared/data/formats/other/LOC_INTERMIN_20230126.csv');
const QPV_LIEU_ACTION = path.resolve(repoRoot, '../shared/data/formats/other/qpv_lieu_action.csv');
const sample = (name: string) => readFileSync(path.join(SAMPLES, name));

let server: TestServer;
let browser: Browser;
const pageErrors: string[] = [];

async function adminPage(width: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-FR' });
  await signIn(context, server.url);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    // The refusals are 422 answers the page shows: expected in the console.
    if (message.type() === 'error' && !/status of 422/.test(message.text())) pageErrors.push(message.text());
  });
  return { context, page };
}

async function expectNoAxeViolation(page: Page): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
}

/** Every line read and checked: the confirmation is open. */
async function analysed(page: Page): Promise<void> {
  const confirm = page.getByRole('button', { name: 'Confirmer l’import' });
  await confirm.waitFor();
  await page.waitForFunction(
    () =>
      !(
        document.querySelector(
          '[data-testid="import-confirm-form"] button[type="submit"]',
        ) as HTMLButtonElement | null
      )?.disabled,
  );
}

const fileInput = (page: Page) => page.getByLabel(/^Fichier à importer/);
const mainText = async (page: Page) => plainSpaces((await page.locator('main').innerText()) ?? '');

beforeAll(async () => {
  server = await startE2eServer({ chorusLines: 5_000 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('Administration › Imports, at 1440 px', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await adminPage(1440));
  });
  afterAll(() => context?.close());

  it('opens from the Administration menu, states the size limit, and has no history yet', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: 'Administration' }).first().click();
    await page.getByRole('link', { name: 'Imports' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/administration/imports');
    expect(await page.title()).toBe('Imports — Administration — Data-État');
    await page.getByTestId('import-history-empty').waitFor();
    // The hint names the limit (DATAETAT_IMPORT_MAX_MB, 200 Mo by default).
    expect(await page.getByTestId('import-dropzone').innerText()).toMatch(/Taille maximale : \d+ (Mo|Go)\./);
    await screenshot(page, 'imports-vide-1440');
    await expectNoAxeViolation(page);
  });

  it('shows the server’s French reason for a PDF renamed .csv and for an empty file', async () => {
    await fileInput(page).setInputFiles({
      name: 'chorus.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
    });
    const refusal = page.getByTestId('import-refusal');
    await refusal.waitFor();
    expect(await refusal.getByRole('heading').innerText()).toBe('Fichier « chorus.csv » refusé');
    expect(await refusal.innerText()).toMatch(/Fichier refusé, rien n’a été importé : .*PDF/);
    await screenshot(page, 'imports-refus-pdf-1440');
    await expectNoAxeViolation(page);

    await fileInput(page).setInputFiles({ name: 'vide.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
    await refusal.filter({ hasText: 'vide.csv' }).waitFor();
    expect(await refusal.innerText()).toMatch(/vide/i);
    // Both refusals are in the history, with their reason.
    const history = page.getByTestId('import-history');
    await history.filter({ hasText: 'vide.csv' }).waitFor();
    expect((await history.locator('tbody tr').allInnerTexts()).join('\n')).toContain('Fichier refusé');
  });

  it('shows the detected format, the first lines, the counts and the problems of a regional AE report', async () => {
    await fileInput(page).setInputFiles({
      name: 'chorus_ae.csv',
      mimeType: 'text/csv',
      buffer: sample('regional/chorus_ae.csv'),
    });
    await analysed(page);
    expect(await page.getByTestId('import-refusal').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('import')).toMatch(/^\d+$/);
    const format = plainSpaces(await page.getByTestId('import-format').innerText());
    expect(format).toContain('Chorus INF-BUD-53 — engagements (AE)');
    expect(format).toContain('UTF-8');
    expect(format).toContain('Engagements (AE)');
    expect(format).toMatch(/Années trouvées\s+2023/);
    expect(format).toContain('rapport régional : la région est à indiquer');
    // Two valid lines of the sample, normalised: programme on 4 digits, French date and amount.
    const preview = page.getByTestId('import-preview');
    expect(await preview.locator('tbody tr').count()).toBe(2);
    const first = plainSpaces(await preview.locator('tbody tr').first().innerText());
    expect(first).toContain('2103105755');
    expect(first).toContain('10/01/2023');
    expect(first).toContain('0103');
    expect(first).toContain('22 500,12 €');
    expect(plainSpaces(await page.getByTestId('import-counters').innerText())).toMatch(
      /3\s+lignes lues\s+2\s+valides\s+1\s+rejetées/,
    );
    const problem = plainSpaces(
      await page.getByTestId('import-problems').locator('tbody tr').first().innerText(),
    );
    expect(problem).toMatch(/^11\s+Programme\s+XXX\s+\S/);
    // « Tout ou rien » is the default.
    expect(await page.getByRole('radio', { name: /^Tout ou rien/ }).isChecked()).toBe(true);
    await screenshot(page, 'imports-analyse-1440');
    await expectNoAxeViolation(page);
  });

  it('confirms with « ignorer les lignes invalides » for Bretagne, then shows the outcome and the history line', async () => {
    await page.getByLabel(/^Ignorer les lignes invalides/).check({ force: true });
    await page.getByLabel(/^Région couverte par le rapport/).selectOption('53');
    await page.getByRole('button', { name: 'Confirmer l’import' }).click();
    const outcome = page.getByTestId('import-outcome');
    await outcome.waitFor({ timeout: 60_000 });
    const text = plainSpaces(await outcome.innerText());
    expect(text).toMatch(/Import n° \d+ terminé/);
    expect(text).toContain('2 ligne(s) valide(s) importée(s) (mode « Ignorer les lignes invalides »)');
    expect(text).toContain('2023, Bretagne : 2 ligne(s) de engagements (AE) remplacée(s)');
    const id = new URL(page.url()).searchParams.get('import');
    const row = page.getByTestId(`import-history-${id}`);
    await row.filter({ hasText: 'Importé' }).waitFor();
    const cells = plainSpaces(await row.innerText());
    expect(cells).toContain('chorus_ae.csv');
    expect(cells).toContain('Chorus INF-BUD-53 — engagements (AE)');
    expect(cells).toContain('admin@demo.local');
    const report = row.getByRole('link', { name: /^Rapport n° \d+/ });
    const href = await report.getAttribute('href');
    expect(href).toBe(`/api/imports/${id}/rapport.csv`);
    const csv = await context.request.get(`${server.url}${href}`);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe('Ligne;Colonne;Valeur;Motif');
    expect(lines).toContainEqual(expect.stringMatching(/^11;Programme;XXX;/));
    await screenshot(page, 'imports-resultat-1440');
    await expectNoAxeViolation(page);
    expect(pageErrors).toEqual([]);
  });

  it('recognises the Chorus Calculette (XLSX) from its sheets, shows what it holds, and replaces the referential', async () => {
    await fileInput(page).setInputFiles({
      name: 'Calculette_Chorus_test.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: readFileSync(CALCULETTE),
    });
    await analysed(page);
    const id = new URL(page.url()).searchParams.get('import');
    const answer = await (await context.request.get(`${server.url}/api/imports/${id}`)).json();
    const contents = answer.job.contents as { label: string; count: number }[];
    expect(contents.map((c) => c.label)).toEqual([
      'Ministères',
      'Programmes',
      'Domaines fonctionnels',
      'Centres de coûts',
      'Groupes de marchandises',
    ]);
    const format = plainSpaces(await page.getByTestId('import-format').innerText());
    expect(format).toContain(
      'Calculette Chorus (référentiels : ministères, programmes, DF, centres de coûts, GM)',
    );
    expect(format).toContain('Référentiel : libellés Chorus');
    expect(format).toContain(
      contents.map((c) => `${c.label} : ${plainSpaces(c.count.toLocaleString('fr-FR'))}`).join(' ; '),
    );
    // No years nor régions for a referential.
    expect(format).not.toContain('Années trouvées');
    const total = contents.reduce((s, c) => s + c.count, 0);
    expect(plainSpaces(await page.getByTestId('import-counters').innerText())).toContain(
      `${plainSpaces(total.toLocaleString('fr-FR'))} lignes lues`,
    );
    const first = plainSpaces(
      await page.getByTestId('import-preview').locator('tbody tr').first().innerText(),
    );
    expect(first).toMatch(/^\d+\s+Ministères\s+MIN01\s+\S/);
    await screenshot(page, 'imports-calculette-1440');
    await expectNoAxeViolation(page);

    await page.getByRole('button', { name: 'Confirmer l’import' }).click();
    const outcome = page.getByTestId('import-outcome');
    await outcome.waitFor({ timeout: 120_000 });
    const text = plainSpaces(await outcome.innerText());
    expect(text).toMatch(/Import n° \d+ terminé/);
    expect(text).toContain(`${plainSpaces(total.toLocaleString('fr-FR'))} entrée(s) importée(s)`);
    expect(text).toContain('remplacent le référentiel précédent');
    const row = page.getByTestId(`import-history-${id}`);
    await row.filter({ hasText: 'Importé' }).waitFor();
    expect(plainSpaces(await row.innerText())).toContain('Calculette Chorus');
    await screenshot(page, 'imports-calculette-resultat-1440');
    await expectNoAxeViolation(page);
    expect(pageErrors).toEqual([]);
  });
});

describe('Administration › Imports, at 390 px', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    ({ context, page } = await adminPage(390));
  });
  afterAll(() => context?.close());

  it('takes a CP report dropped on the zone, and finds it again after leaving the page', async () => {
    await page.goto(`${server.url}/administration/imports`);
    await page.getByTestId('import-history').waitFor();
    await screenshot(page, 'imports-390');
    await expectNoAxeViolation(page);
    const bytes = [...sample('regional/financial_cp.csv')];
    await page.getByTestId('import-dropzone').evaluate((zone, content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(content)], 'financial_cp.csv', { type: 'text/csv' }));
      zone.dispatchEvent(
        new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }),
      );
      zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }, bytes);
    await analysed(page);
    const id = new URL(page.url()).searchParams.get('import');
    expect(await page.getByTestId('import-format').innerText()).toContain(
      'Chorus INF-BUD-53 — paiements (CP)',
    );
    await screenshot(page, 'imports-analyse-390');
    await expectNoAxeViolation(page);

    // Leaving (or signing in again after the session ran out) does not lose the deposit: the
    // job is on the server, and the page takes it up from the history.
    await page.goto(`${server.url}/administration/imports`);
    await analysed(page);
    expect(new URL(page.url()).searchParams.get('import')).toBe(id);
  });

  it('confirms it and shows the outcome', async () => {
    await page.getByLabel(/^Ignorer les lignes invalides/).check({ force: true });
    await page.getByLabel(/^Région couverte par le rapport/).selectOption('53');
    await page.getByRole('button', { name: 'Confirmer l’import' }).click();
    const outcome = page.getByTestId('import-outcome');
    await outcome.waitFor({ timeout: 60_000 });
    expect(plainSpaces(await outcome.innerText())).toMatch(/Import n° \d+ terminé/);
    expect(await mainText(page)).toContain('paiements (CP) remplacée(s)');
    await screenshot(page, 'imports-resultat-390');
    await page
      .getByTestId('import-outcome')
      .screenshot({ path: path.join(screenshotsDir, 'imports-resultat-haut-390.png') });
    await page
      .getByTestId('import-history')
      .screenshot({ path: path.join(screenshotsDir, 'imports-historique-390.png') });
    await expectNoAxeViolation(page);
    expect(pageErrors).toEqual([]);
  });

  it('shows what a localisation interministérielle file is and holds, then abandons it', async () => {
    await fileInput(page).setInputFiles({
      name: 'LOC_INTERMIN_20230126.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(LOCALISATIONS),
    });
    await analysed(page);
    const format = plainSpaces(await page.getByTestId('import-format').innerText());
    expect(format).toContain('Référentiel des localisations interministérielles (LOC_INTERMIN)');
    expect(format).toContain('UTF-8');
    const entries = readFileSync(LOCALISATIONS, 'utf8')
      .split(/\r?\n/)
      .slice(1)
      .filter((l) => l.trim() !== '');
    expect(format).toContain(`Localisations interministérielles : ${entries.length}`);
    const first = plainSpaces(
      await page.getByTestId('import-preview').locator('tbody tr').first().innerText(),
    );
    expect(first).toContain(entries[0]?.split(';')[0] as string);
    await screenshot(page, 'imports-localisations-390');
    await expectNoAxeViolation(page);
    await page.getByRole('button', { name: 'Annuler' }).click();
    await page.getByTestId('import-outcome').filter({ hasText: 'abandonné' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('shows what a qpv_lieu_action file holds: each EJ, its quartier and its share, then abandons it', async () => {
    await fileInput(page).setInputFiles({
      name: 'export.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(QPV_LIEU_ACTION),
    });
    await analysed(page);
    const format = plainSpaces(await page.getByTestId('import-format').innerText());
    expect(format).toContain('Lieux d’action en quartier prioritaire (qpv_lieu_action)');
    expect(format).toContain('Parts d’EJ dans un quartier prioritaire : 2');
    expect(format).toContain('Parts d’EJ hors quartier prioritaire (« NR ») : 1');
    const preview = page.getByTestId('import-preview');
    expect(await preview.locator('thead th').allInnerTexts()).toEqual([
      'Ligne',
      'Référentiel',
      'N° EJ',
      'Quartier',
      'Part de l’EJ et codes',
    ]);
    const rows = (await preview.locator('tbody tr').allInnerTexts()).map(plainSpaces);
    expect(rows[0]).toMatch(/2103609602\s+Quartier QP044017\s+50 % de l’EJ en 2022 ; QP044017 \/ QN04417I/);
    expect(rows[1]).toMatch(/2103654187\s+Hors quartier prioritaire\s+100 % de l’EJ en 2022 ; NR/);
    await screenshot(page, 'imports-qpv-lieu-action-390');
    await expectNoAxeViolation(page);
    await page.getByRole('button', { name: 'Annuler' }).click();
    await page.getByTestId('import-outcome').filter({ hasText: 'abandonné' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
