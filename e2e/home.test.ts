import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  createDashboard,
  createOwnAccount,
  expectAccessible,
  type OwnAccount,
  openBrowserSession,
  screenshot,
  signIn,
} from './browser.ts';

interface Summary {
  id: string;
  title: string;
}
interface Dataset {
  id: string;
  title: string;
  updatedAt: string | null;
  source: { name: string };
}

/**
 * Journey (issue 12): the home page is the agent's start. A new Bretagne editor finds a greeting
 * with their territory, one call to action (« Créer un tableau de bord »), empty lists that say
 * what to do, the reference dashboards and the datasets loaded last; a dashboard made through
 * the API, then one through the button, come first in « Vos tableaux de bord ». A Bretagne
 * reader sees the dashboard shared with them and no button to create. Readable at 390 px.
 */
describe('home page', () => {
  let session: BrowserSession;
  let page: Page;
  let url = '';
  let reader: OwnAccount;
  let readerContext: BrowserContext | undefined;

  const api = async <T>(path: string): Promise<T> => {
    const response = await session.context.request.get(`${url}${path}`);
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as T;
  };
  const newDashboard = (title: string) =>
    createDashboard(session, { title, description: 'Créé par le parcours de la page d’accueil.' });
  const cardTitles = (testId: string) => page.getByTestId(testId).locator('.fr-card__title').allInnerTexts();
  const section = (target: Page, name: RegExp) => target.getByRole('region', { name });

  beforeAll(async () => {
    const editor = await createOwnAccount('editeur', '53');
    reader = await createOwnAccount('lecteur', '53');
    // The error-state test cuts /api/dashboards on purpose: Chromium logs the failed load.
    session = await openBrowserSession({ ...editor, expectedConsoleErrors: /ERR_FAILED/ });
    ({ page } = session);
    url = session.server.url;
  });

  afterAll(async () => {
    await readerContext?.close();
    await session?.close();
  });

  it('greets a new editor with their territory, one call to action and lists that say what to do', async () => {
    await page.goto(`${url}/`);
    await page.getByRole('heading', { level: 1, name: 'Bonjour Parcours editeur' }).waitFor();
    expect(await page.title()).toBe('Accueil — Data-État');
    // « Région 53 » until the région names arrive.
    await page.getByTestId('home-territory').filter({ hasText: 'Vos données : Bretagne' }).waitFor();

    const main = page.locator('main');
    expect(await main.getByRole('button', { name: 'Créer un tableau de bord' }).count()).toBe(1);
    // One call to action: no other visible primary button or button-link on the page.
    const primaries = await main.evaluate((element) =>
      [...element.querySelectorAll<HTMLElement>('.fr-btn')]
        .filter(
          (b) =>
            b.checkVisibility({ visibilityProperty: true, opacityProperty: true }) &&
            !/fr-btn--(secondary|tertiary|close)/.test(b.className),
        )
        .map((b) => b.textContent.trim()),
    );
    expect(primaries).toEqual(['Créer un tableau de bord']);

    const mine = section(page, /^Vos tableaux de bord/);
    await mine.getByText('Vous n’avez pas encore de tableau de bord.').waitFor();
    expect(await mine.getByRole('heading', { level: 2 }).textContent()).toBe('Vos tableaux de bord (0)');
    expect(
      await mine.getByRole('link', { name: 'Voir tous les tableaux de bord' }).getAttribute('href'),
    ).toBe('/tableaux-de-bord');
    await section(page, /^Partagés avec vous/)
      .getByText('Personne ne vous a encore partagé de tableau de bord.')
      .waitFor();

    // The reference dashboards, as the API lists them.
    const lists = await api<{ reference: Summary[] }>('/api/dashboards?sort=updated');
    expect(lists.reference.length).toBeGreaterThan(0);
    expect(await cardTitles('tableaux-de-reference')).toEqual(lists.reference.map((d) => d.title));

    // The datasets loaded last, newest first (ties by title), each linking to its page; those
    // with no data yet (import-only, before their first file) are not « updated ».
    const { datasets } = await api<{ datasets: Dataset[] }>('/api/datasets');
    const time = (d: Dataset) => (d.updatedAt ? Date.parse(d.updatedAt) : Number.NEGATIVE_INFINITY);
    const expected = datasets
      .filter((d) => d.updatedAt !== null)
      .sort((a, b) => time(b) - time(a) || a.title.localeCompare(b.title, 'fr', { sensitivity: 'base' }))
      .slice(0, 4);
    const recent = page.getByTestId('jeux-recents');
    expect(await cardTitles('jeux-recents')).toEqual(expected.map((d) => d.title));
    for (const dataset of expected) {
      const card = recent
        .locator('.fr-card')
        .filter({ has: page.getByRole('link', { name: dataset.title }) });
      expect(await card.getByRole('link').getAttribute('href')).toBe(`/jeux-de-donnees/${dataset.id}`);
      expect(await card.textContent()).toContain(`Source : ${dataset.source.name}`);
      expect(await card.textContent()).toMatch(/Données mises à jour le \d{2}\/\d{2}\/\d{4}/);
    }

    await expectAccessible(page);
    await screenshot(page, 'accueil-editeur-vide-1280');
  });

  it('shows a dashboard made through the API first in « Vos tableaux de bord », and opens it', async () => {
    const id = await newDashboard('Fonds vert en Bretagne');
    await page.goto(`${url}/`);
    await page.getByTestId('mes-tableaux-de-bord').waitFor();
    expect(await cardTitles('mes-tableaux-de-bord')).toEqual(['Fonds vert en Bretagne']);
    const mine = section(page, /^Vos tableaux de bord/);
    expect(await mine.getByRole('heading', { level: 2 }).textContent()).toBe('Vos tableaux de bord (1)');
    expect(await mine.getByText('Vous n’avez pas encore de tableau de bord.').count()).toBe(0);

    await page.getByRole('link', { name: 'Fonds vert en Bretagne' }).click();
    await page.waitForURL(`${url}/tableaux-de-bord/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Fonds vert en Bretagne' }).waitFor();
  });

  it('« Créer un tableau de bord » asks a title and opens the new dashboard in the editor', async () => {
    await page.goto(`${url}/`);
    await page.getByRole('button', { name: 'Créer un tableau de bord' }).click();
    const dialog = page.getByRole('dialog', { name: 'Créer un tableau de bord' });
    await dialog.waitFor();
    // axe on a dialog still fading in reads half-transparent text as poor contrast.
    await dialog.evaluate((element) =>
      Promise.all(element.getAnimations({ subtree: true }).map((animation) => animation.finished)),
    );
    await expectAccessible(page);
    await dialog.getByRole('textbox', { name: /^Titre/ }).fill('Politique de la ville à Rennes');
    await dialog.getByRole('button', { name: 'Créer et commencer' }).click();
    await page.waitForURL(/\/tableaux-de-bord\/[^/]+\/modifier$/);

    await page.goto(`${url}/`);
    await page.getByTestId('mes-tableaux-de-bord').waitFor();
    // Most recently updated first.
    expect(await cardTitles('mes-tableaux-de-bord')).toEqual([
      'Politique de la ville à Rennes',
      'Fonds vert en Bretagne',
    ]);
  });

  it('keeps four of the agent’s dashboards, newest first, the rest behind « Voir tous les tableaux de bord »', async () => {
    for (const n of [1, 2, 3]) await newDashboard(`Suivi ${n}`);
    await page.goto(`${url}/`);
    await page.getByTestId('mes-tableaux-de-bord').waitFor();
    expect(await cardTitles('mes-tableaux-de-bord')).toEqual([
      'Suivi 3',
      'Suivi 2',
      'Suivi 1',
      'Politique de la ville à Rennes',
    ]);
    expect(
      await section(page, /^Vos tableaux de bord/)
        .getByRole('heading', { level: 2 })
        .textContent(),
    ).toBe('Vos tableaux de bord (5)');
    await screenshot(page, 'accueil-editeur-1280');
  });

  it('says when the dashboards cannot be loaded and loads them on « Réessayer »', async () => {
    const lists = (address: URL) => address.pathname === '/api/dashboards';
    await page.route(lists, (route) => route.abort('failed'));
    await page.goto(`${url}/`);
    const alert = page.getByRole('alert').filter({ hasText: 'Le chargement a échoué' });
    await alert.waitFor({ timeout: 20_000 });
    // The datasets still come: one failing list does not take the page down.
    await page.getByTestId('jeux-recents').waitFor();
    await page.unroute(lists);
    await alert.getByRole('button', { name: 'Réessayer' }).click();
    await page.getByTestId('mes-tableaux-de-bord').waitFor();
    expect(await alert.count()).toBe(0);
  });

  it('stacks the cards at 390 px without clipping or sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${url}/`);
    await page.getByTestId('mes-tableaux-de-bord').waitFor();
    await page.getByTestId('jeux-recents').waitFor();
    await page.getByTestId('home-territory').filter({ hasText: 'Bretagne' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // One column: every card starts at the same x, one under the other.
    const boxes = await page
      .getByTestId('mes-tableaux-de-bord')
      .locator(':scope > li')
      .evaluateAll((items) =>
        items.map((item) => item.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, right: r.right })),
      );
    expect(boxes).toHaveLength(4);
    for (const box of boxes) {
      expect(box.x).toBe(boxes[0]?.x);
      expect(box.right).toBeLessThanOrEqual(390);
    }
    expect(boxes.every((box, i) => i === 0 || box.y > (boxes[i - 1]?.y ?? 0))).toBe(true);
    // No text cut: no element of main wider than what shows it.
    const clipped = await page
      .locator('main')
      .evaluate((main) =>
        [...main.querySelectorAll<HTMLElement>('h1, h2, h3, p, a, button, li')]
          .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
          .map((el) => el.textContent),
      );
    expect(clipped).toEqual([]);
    await expectAccessible(page);
    await screenshot(page, 'accueil-editeur-390');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('shows a reader what is shared with them, and no « Créer un tableau de bord »', async () => {
    // The editor shares a dashboard with the reader (read-only).
    readerContext = await session.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'fr-FR',
    });
    await signIn(readerContext, url, reader.email, reader.password);
    const me = (await (await readerContext.request.get(`${url}/api/me`)).json()) as { user: { id: number } };
    const sharedId = await newDashboard('Crédits du programme 380');
    const share = await session.context.request.put(
      `${url}/api/dashboards/${sharedId}/shares/${me.user.id}`,
      {
        headers: { 'x-csrf-token': session.csrfToken },
        data: { permission: 'read' },
      },
    );
    expect(share.status(), await share.text()).toBe(200);

    const readerPage = await readerContext.newPage();
    const errors: string[] = [];
    readerPage.on('pageerror', (error) => errors.push(error.message));
    await readerPage.goto(`${url}/`);
    await readerPage.getByRole('heading', { level: 1, name: 'Bonjour Parcours lecteur' }).waitFor();
    await readerPage.getByTestId('home-territory').filter({ hasText: 'Vos données : Bretagne' }).waitFor();
    const shared = readerPage.getByTestId('partages-avec-vous');
    await shared.waitFor();
    expect(await shared.locator('.fr-card__title').allInnerTexts()).toEqual(['Crédits du programme 380']);
    expect(await shared.textContent()).toContain('Lecture');
    expect(await shared.textContent()).toContain('par Parcours editeur');
    await section(readerPage, /^Vos tableaux de bord/)
      .getByText('Votre rôle « Lecteur » permet')
      .waitFor();
    await readerPage.getByTestId('jeux-recents').waitFor();
    expect(await readerPage.getByRole('button', { name: 'Créer un tableau de bord' }).count()).toBe(0);
    expect(await readerPage.getByText('Créer un tableau de bord').count()).toBe(0);
    await expectAccessible(readerPage);
    await screenshot(readerPage, 'accueil-lecteur-1280');
    expect(errors).toEqual([]);
  });

  it('logged no unexpected error in the browser', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
