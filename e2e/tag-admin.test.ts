import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  openBrowserSession,
  plainSpaces,
  queryApi,
  runAxe,
  screenshot,
} from './browser.ts';

/**
 * Journey (issue 13): an administrator opens « Administration › Politiques publiques », gives
 * tags by hand — a CSV of Chorus lines is read and shown (lines read, found, unknown, euros per
 * tag) before it is saved, a file with bad lines shows each error and cannot be saved, a SIREN's
 * lines are previewed — and previews a rule, at 1440 and 390 px, axe clean at each state, the
 * page never wider than the screen. Nothing is applied (other journeys read the same data) and
 * what is saved is deleted at the end.
 */

/** Demo EJ numbers: 1, the year on two digits, a 7-digit sequence; every EJ has a poste 1. */
const EJS = Array.from({ length: 10 }, (_, i) => `1230000${String(i + 1).padStart(3, '0')}`);
const GOOD_CSV = [
  'n_ej;n_poste_ej;tags',
  ...EJS.slice(0, 5).map((ej) => `${ej};1;fonds_vert|velo_du_quotidien`),
  ...EJS.slice(5).map((ej) => `${ej};1;velo_du_quotidien`),
  '9999999999;1;velo_du_quotidien',
].join('\r\n');
const BAD_CSV = ['n_ej;n_poste_ej;tags', `${EJS[0]};x;velo_du_quotidien`, `${EJS[1]};1;Vélo, quotidien`].join(
  '\n',
);

let session: BrowserSession;

const fileInput = (page: Page) => page.getByLabel(/^Fichier CSV d’étiquettes/);
/** An element's text, spaces made plain and runs of them one. */
const text = async (page: Page, testId: string) =>
  plainSpaces((await page.getByTestId(testId).textContent()) ?? '')
    .replace(/\s+/g, ' ')
    .trim();
/** The cells of a table row (header cell included), each trimmed, spaces made plain. */
const cells = async (row: Locator) =>
  (await row.locator('th, td').allTextContents()).map((c) => plainSpaces(c).replace(/\s+/g, ' ').trim());
/** The counters of a file's preview, one item each. */
const counters = async (page: Page) =>
  (await page.getByTestId('tag-file-counters').locator('li').allTextContents())
    .map((c) => plainSpaces(c).replace(/\s+/g, ' ').trim())
    .join(' ; ');

async function expectNoAxeViolation(page: Page): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
}

/** Nothing wider than the screen: wide tables scroll inside their own frame. */
async function expectNothingClipped(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('main *')]
      .filter((element) => !element.closest('.fr-table'))
      .filter((element) => element.getBoundingClientRect().right > width + 1)
      .map((element) => `${element.tagName}.${element.className}`.slice(0, 80));
    return { scroll: document.documentElement.scrollWidth - width, wide: wide.slice(0, 5) };
  });
  expect(overflow).toEqual({ scroll: 0, wide: [] });
}

async function openPage(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${session.server.url}/administration/politiques-publiques`);
  await page.getByRole('heading', { level: 1, name: 'Politiques publiques' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Affectations manuelles' }).waitFor();
}

beforeAll(async () => {
  session = await openBrowserSession({ viewport: { width: 1440, height: 900 } });
  session.page.on('dialog', (dialog) => void dialog.accept());
});

afterAll(async () => {
  await session?.close();
});

describe('Administration › Politiques publiques', () => {
  for (const width of [1440, 390]) {
    it(`previews a CSV of Chorus lines before saving it, shows a bad file’s errors, at ${width} px`, async () => {
      const { page } = session;
      await openPage(page, width);
      await expectNothingClipped(page);
      await screenshot(page, `politiques-publiques-${width}`);
      await expectNoAxeViolation(page);

      // What the server says of the file, asked apart: the page must show the same figures.
      const expected = await (
        await session.context.request.post(`${session.server.url}/api/tag-assignments/csv/preview`, {
          data: { fileName: 'velo.csv', content: GOOD_CSV },
          headers: { 'x-csrf-token': session.csrfToken },
        })
      ).json();
      expect(expected).toMatchObject({ linesRead: 11, matched: 10, unmatchedTotal: 1, problemsTotal: 0 });

      await fileInput(page).setInputFiles({
        name: 'velo.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(GOOD_CSV),
      });
      await page.getByTestId('tag-file-preview').waitFor();
      expect(await counters(page)).toBe('11 lignes lues ; 10 trouvées dans Chorus ; 1 sans correspondance');
      const preview = await text(page, 'tag-file-preview');
      const ae = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(
        expected.amounts[0].value,
      );
      expect(preview).toContain(`Autorisations d'engagement (AE) : ${plainSpaces(ae)}`);
      expect(preview).toContain('ligne 12 : EJ 9999999999, poste 1');
      const tags = page.getByTestId('tag-file-tags').locator('tbody tr');
      expect(await tags.count()).toBe(2);
      const velo = await cells(tags.nth(1));
      expect(velo.slice(0, 3)).toEqual([
        'Velo du quotidien velo_du_quotidien Nouvelle étiquette',
        '11',
        '10',
      ]);
      await expectNothingClipped(page);
      await screenshot(page, `politiques-publiques-apercu-fichier-${width}`);
      await expectNoAxeViolation(page);

      // A file with bad lines: each error shown, nothing can be saved.
      await fileInput(page).setInputFiles({
        name: 'mauvais.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(BAD_CSV),
      });
      await page.getByTestId('tag-file-problems').waitFor();
      expect(await counters(page)).toBe('2 lignes lues ; 0 valides ; 2 en erreur');
      const problems = page.getByTestId('tag-file-problems').locator('tbody tr');
      expect(await problems.count()).toBe(2);
      expect(await cells(problems.first())).toEqual([
        '2',
        'n_poste_ej',
        'x',
        'numéro de poste attendu : nombre entier de 1 à 999999.',
      ]);
      expect(await page.getByRole('button', { name: 'Enregistrer ces affectations' }).isDisabled()).toBe(
        true,
      );
      await expectNothingClipped(page);
      await screenshot(page, `politiques-publiques-erreurs-${width}`);
      await expectNoAxeViolation(page);
    });
  }

  it('saves the previewed file, lists it with its author, then deletes it', async () => {
    const { page } = session;
    await openPage(page, 1440);
    await fileInput(page).setInputFiles({
      name: 'velo.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(GOOD_CSV),
    });
    await page.getByTestId('tag-file-preview').waitFor();
    await page.getByRole('button', { name: 'Enregistrer ces affectations' }).click();
    const list = page.getByTestId('tag-assignments');
    await list.waitFor();
    const row = (await cells(list.locator('tbody tr').first())).join(' | ');
    expect(row).toMatch(/n° \d+ — fichier « velo\.csv »/);
    expect(row).toContain('fonds_vert');
    expect(row).toContain('velo_du_quotidien');
    expect(row).toContain('11 lignes, 10 trouvées dans Chorus');
    expect(row).toContain('admin@demo.local');
    // Said where the administrator is, with the way to apply it at once.
    const notice = page.getByTestId('tag-assignments-notice');
    expect(await text(page, 'tag-assignments-notice')).toMatch(
      /Affectation manuelle n° \d+ enregistrée \(11 lignes, 10 trouvées dans Chorus\)\. « Appliquer les étiquettes » la pose sur les données\./,
    );
    await notice.getByRole('button', { name: 'Appliquer les étiquettes maintenant' }).waitFor();
    expect(await page.getByTestId('tag-file-preview').count()).toBe(0);
    await screenshot(page, 'politiques-publiques-liste-1440');
    await expectNoAxeViolation(page);
    await page.setViewportSize({ width: 390, height: 900 });
    await expectNothingClipped(page);
    await screenshot(page, 'politiques-publiques-liste-390');

    const id = /n° (\d+)/.exec(row)?.[1];
    await page.getByRole('button', { name: `Supprimer l’affectation n° ${id}` }).click();
    await page.getByTestId('tag-assignments-empty').waitFor();
  });

  it('previews a SIREN’s lines and a rule’s lines, as the query API counts them', async () => {
    const { page } = session;
    await openPage(page, 390);
    // The beneficiary form says what is wrong before asking the server.
    await page.getByLabel(/^SIRET ou SIREN/).fill('12345');
    await page.getByLabel(/^Étiquettes/).fill('velo_du_quotidien');
    await page.getByRole('button', { name: 'Aperçu (lignes et montants)' }).last().click();
    await page.getByText('« 12345 » n’est ni un SIRET (14 chiffres) ni un SIREN (9 chiffres).').waitFor();

    const top = await queryApi<{ rows: [string, string, number][] }>(session, {
      dataset: 'chorus_lignes',
      measures: ['nb_lignes'],
      dimensions: ['beneficiaire'],
      sort: [{ field: 'nb_lignes', dir: 'desc' }],
      limit: 1,
    });
    const [siret, , lines] = top.rows[0] as [string, string, number];
    await page
      .getByLabel(/^SIRET ou SIREN/)
      .fill(siret.replace(/(\d{3})(\d{3})(\d{3})(\d{5})/, '$1 $2 $3 $4'));
    await page.getByRole('button', { name: 'Aperçu (lignes et montants)' }).last().click();
    const beneficiary = page.getByTestId('tag-beneficiary-preview');
    await beneficiary.waitFor();
    const chorusRow = beneficiary.locator('tbody tr').filter({ hasText: 'Chorus' }).first();
    expect((await cells(chorusRow))[1]).toBe(plainSpaces(new Intl.NumberFormat('fr-FR').format(lines)));
    await expectNothingClipped(page);
    await screenshot(page, 'politiques-publiques-beneficiaire-390');
    await expectNoAxeViolation(page);

    // A rule previewed before it is saved: the lines of programme 0380, as a plain query counts them.
    const fondsVert = await queryApi<{ rows: [number][] }>(session, {
      dataset: 'chorus_lignes',
      measures: ['nb_lignes'],
      filters: [{ field: 'programme', op: 'in', values: ['0380'] }],
    });
    await page.getByRole('button', { name: 'Nouvelle règle' }).click();
    await page.getByLabel(/^Code de l’étiquette/).fill('essai_e2e');
    await page.getByLabel(/^Libellé/).fill('Essai');
    await page.getByLabel('Viser un autre jeu de données').selectOption('chorus_lignes');
    await page.getByRole('button', { name: 'Ajouter une condition' }).click();
    await page.getByLabel('Champ (condition 1)').selectOption('programme');
    await page.getByLabel('Valeurs (une par ligne)').fill('0380');
    await page.getByRole('button', { name: 'Aperçu (lignes et montants)' }).first().click();
    const rulePreview = page.getByRole('table', { name: 'Aperçu : ce que la règle étiquetterait' });
    await rulePreview.waitFor();
    const count = new Intl.NumberFormat('fr-FR').format(fondsVert.rows[0]?.[0] ?? -1);
    expect((await cells(rulePreview.locator('tbody tr').first()))[1]).toMatch(
      new RegExp(`^${plainSpaces(count)} sur `),
    );
    await expectNothingClipped(page);
    await screenshot(page, 'politiques-publiques-regle-390');
    await expectNoAxeViolation(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'politiques-publiques-regle-1440');
    await page.getByRole('button', { name: 'Annuler' }).click();
  });

  it('shows in the explorer where each tag of a line comes from (« Origine de l’étiquette »)', async () => {
    const { page } = session;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${session.server.url}/explorer`);
    await page.getByLabel('Jeu de données').selectOption('dotations_investissement');
    await page.getByLabel('Ajouter une dimension').selectOption('tags');
    await page.getByLabel('Ajouter une dimension').selectOption('tags_origine');
    await page
      .getByRole('radio', { name: /^Tableau/ })
      .first()
      .check({ force: true });
    // Each tag of a project beside its own origin: DETR from its rule, as the API groups them.
    const expected = await queryApi<{ rows: string[][] }>(session, {
      dataset: 'dotations_investissement',
      measures: ['nb_projets'],
      dimensions: ['tags', 'tags_origine'],
      filters: [{ field: 'tags', op: 'eq', values: ['detr'] }],
    });
    const detr = expected.rows.find((r) => r[0] === 'detr');
    expect(detr?.slice(0, 4)).toEqual(['detr', 'DETR', 'regle:detr', 'Règle « DETR »']);
    const row = page.locator('main table tbody tr').filter({ hasText: 'Règle « DETR »' }).first();
    await row.waitFor({ timeout: 30_000 });
    // Each cell: the label, then the code under it.
    expect((await cells(row)).slice(0, 2)).toEqual(['DETRdetr', 'Règle « DETR »regle:detr']);
    await screenshot(page, 'politiques-publiques-explorateur-origine-1440');
    expect(session.pageErrors).toEqual([]);
  });
});
