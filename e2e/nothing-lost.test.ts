import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  createDashboard,
  DEMO_ACCOUNTS,
  expectAccessible,
  openBrowserSession,
  type TestServer,
} from './browser.ts';

interface DashboardBody {
  version: number;
  title: string;
  description: string;
}

/**
 * Journey: an editor's session ends while they work on a dashboard (the cookie expires, or
 * they sign out in another tab). Saving asks them to sign in again in a dialog over the editor,
 * the change stays on screen, and once signed in it is saved. A reload with unsaved changes
 * offers the draft the browser kept, and the draft is gone once saved.
 */
describe('nothing lost — expired session, sign in again in place, drafts', () => {
  let session: BrowserSession;
  let server: TestServer;
  let context: BrowserContext;
  let page: Page;
  let dashboardId = '';

  beforeAll(async () => {
    session = await openBrowserSession({
      email: DEMO_ACCOUNTS.editeur,
      viewport: { width: 1440, height: 1000 },
      // The 401s of the expired session, the save refused on purpose below, and the server's
      // load shedding (503) on a busy machine: the journey checks what was saved in the end.
      expectedConsoleErrors: /status of 401|status of 503|net::ERR_FAILED/,
    });
    ({ server, context, page } = session);
    dashboardId = await createDashboard(session, { title: 'Suivi des crédits' });
    // Leaving a page with unsaved changes asks first (beforeunload): the journey reloads anyway.
    page.on('dialog', (dialog) => void dialog.accept());
  });

  afterAll(() => session?.close());

  /** The stored dashboard, through the API with the browser's current session cookie. */
  async function stored(): Promise<DashboardBody> {
    const response = await context.request.get(`${server.url}/api/dashboards/${dashboardId}`);
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as DashboardBody;
  }

  const status = () => page.getByTestId('save-status');
  const waitStatus = (value: string) =>
    page.locator(`[data-testid="save-status"][data-status="${value}"]`).waitFor({ timeout: 20_000 });
  const titleField = () => page.getByRole('textbox', { name: 'Titre' });
  const descriptionField = () => page.getByRole('textbox', { name: 'Description' });
  const reauthDialog = () => page.getByRole('dialog', { name: 'Votre session a expiré' });

  async function openEditor() {
    await page.goto(`${server.url}/tableaux-de-bord/${dashboardId}/modifier`);
    await page.getByRole('heading', { level: 1, name: 'Modifier le tableau de bord' }).waitFor();
  }

  async function signInAgainInDialog() {
    const dialog = reauthDialog();
    await expect(dialog.getByRole('textbox', { name: /^Adresse électronique/ }).inputValue()).resolves.toBe(
      DEMO_ACCOUNTS.editeur,
    );
    await dialog.getByLabel('Mot de passe', { exact: true }).fill('demo');
    await dialog.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  it('asks to sign in again over the editor when the session cookie is gone, then saves', async () => {
    await openEditor();
    await descriptionField().fill('Crédits de paiement par région');
    await waitStatus('saved');

    // The session ends (cookie expired): the next save is refused with 401 AUTH_REQUIRED.
    await context.clearCookies();
    await titleField().fill('Suivi des crédits 2026');
    await reauthDialog().waitFor({ timeout: 20_000 });
    expect(page.url()).toContain(`/tableaux-de-bord/${dashboardId}/modifier`);
    await expect(titleField().inputValue()).resolves.toBe('Suivi des crédits 2026');
    await expect(status().getAttribute('data-status')).resolves.toBe('signin');
    await expectAccessible(page);

    await signInAgainInDialog();
    await waitStatus('saved');
    await expect(titleField().inputValue()).resolves.toBe('Suivi des crédits 2026');
    const saved = await stored();
    expect(saved.title).toBe('Suivi des crédits 2026');
    expect(saved.description).toBe('Crédits de paiement par région');
  });

  it('does the same after signing out in another tab', async () => {
    const other = await context.newPage();
    await other.goto(`${server.url}/`);
    await other.getByRole('button', { name: 'Se déconnecter' }).click();
    await other.waitForURL(/\/connexion/);
    await other.close();

    const before = (await context.request.get(`${server.url}/api/dashboards/${dashboardId}`)).status();
    expect(before).toBe(401);
    await descriptionField().fill('Crédits de paiement par région et par programme');
    await reauthDialog().waitFor({ timeout: 20_000 });
    await expect(descriptionField().inputValue()).resolves.toBe(
      'Crédits de paiement par région et par programme',
    );
    await signInAgainInDialog();
    await waitStatus('saved');
    expect((await stored()).description).toBe('Crédits de paiement par région et par programme');
  });

  it('offers back the draft kept by the browser after a reload, and forgets it once saved', async () => {
    const savedVersion = (await stored()).version;
    // The save cannot reach the server (a crash, the network): the change exists only in the page.
    await page.route('**/api/dashboards/*', (route) =>
      route.request().method() === 'PUT' ? route.abort('failed') : route.continue(),
    );
    await titleField().fill('Suivi des crédits — brouillon');
    await waitStatus('error');
    await page.unroute('**/api/dashboards/*');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Modifier le tableau de bord' }).waitFor();
    const offer = page.getByTestId('draft-offer');
    await offer.waitFor();
    // The saved title is on screen and nothing is saved before the choice.
    await expect(titleField().inputValue()).resolves.toBe('Suivi des crédits 2026');
    const resume = offer.getByRole('button', {
      name: /^Reprendre le brouillon du \d\d\/\d\d\/\d{4} à \d\d:\d\d$/,
    });
    await expect(resume.count()).resolves.toBe(1);
    await expect(offer.getByRole('button', { name: 'Ignorer' }).count()).resolves.toBe(1);
    await expectAccessible(page);
    expect((await stored()).version).toBe(savedVersion);

    await resume.click();
    await expect(titleField().inputValue()).resolves.toBe('Suivi des crédits — brouillon');
    await waitStatus('saved');
    const saved = await stored();
    expect(saved.title).toBe('Suivi des crédits — brouillon');
    expect(saved.version).toBe(savedVersion + 1);
    const drafts = await page.evaluate(() =>
      Object.keys(localStorage).filter((key) => key.startsWith('dataetat:brouillon:')),
    );
    expect(drafts).toEqual([]);

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Modifier le tableau de bord' }).waitFor();
    await waitStatus('saved');
    await expect(page.getByTestId('draft-offer').count()).resolves.toBe(0);
  });

  it('keeps the session of an idle editor alive while the tab is visible', async () => {
    // A tab of its own with a fake clock: minutes pass without waiting for them.
    const idle = await context.newPage();
    await idle.clock.install();
    await idle.goto(`${server.url}/tableaux-de-bord/${dashboardId}/modifier`);
    await idle.getByRole('heading', { level: 1, name: 'Modifier le tableau de bord' }).waitFor();
    expect(await idle.evaluate(() => document.visibilityState)).toBe('visible');
    const check = idle.waitForRequest(
      (r) => r.method() === 'GET' && new URL(r.url()).pathname === '/api/me',
      {
        timeout: 20_000,
      },
    );
    // Nothing asks for the session after the page loaded, but the keep-alive (every 3 minutes).
    await idle.clock.runFor('03:05');
    await check;
    await idle.close();
  });

  it('left no error in the browser', () => {
    expect(session.pageErrors).toEqual([]);
  });
});

/**
 * Journey: an administrator fills in a new account when their session ends; sending it asks to
 * sign in again over the form, then creates the account. A reload in the middle of a form opens
 * it again with the draft on offer (never the password).
 */
describe('nothing lost — account form', () => {
  let session: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowserSession({
      email: DEMO_ACCOUNTS.admin,
      expectedConsoleErrors: /status of 401|status of 503/,
    });
    ({ page } = session);
    page.on('dialog', (dialog) => void dialog.accept());
  });

  afterAll(() => session?.close());

  const form = () => page.getByRole('region', { name: 'Nouveau compte' });

  async function accountEmails(): Promise<string[]> {
    const response = await session.context.request.get(`${session.server.url}/api/users`);
    expect(response.status()).toBe(200);
    return ((await response.json()) as { users: { email: string }[] }).users.map((u) => u.email);
  }

  it('creates the account after signing in again over the form', async () => {
    await page.goto(`${session.server.url}/administration/utilisateurs`);
    await page.getByRole('button', { name: 'Créer un compte' }).click();
    await form().getByRole('textbox', { name: 'Adresse électronique' }).fill('agent.reprise@demo.local');
    await form().getByRole('textbox', { name: 'Nom affiché' }).fill('Agent Reprise');
    await session.context.clearCookies();
    await form().getByRole('button', { name: 'Créer le compte' }).click();

    const dialog = page.getByRole('dialog', { name: 'Votre session a expiré' });
    await dialog.waitFor({ timeout: 20_000 });
    expect(page.url()).toContain('/administration/utilisateurs');
    await expect(form().getByRole('textbox', { name: 'Nom affiché' }).inputValue()).resolves.toBe(
      'Agent Reprise',
    );
    await dialog.getByLabel('Mot de passe', { exact: true }).fill('demo');
    await dialog.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.getByText('Le compte agent.reprise@demo.local a été créé.').waitFor({ timeout: 20_000 });
    expect(await accountEmails()).toContain('agent.reprise@demo.local');
  });

  it('offers the form back after a reload, without the password', async () => {
    await page.getByRole('button', { name: 'Créer un compte' }).click();
    await form().getByRole('textbox', { name: 'Adresse électronique' }).fill('agent.brouillon@demo.local');
    await form().getByRole('textbox', { name: 'Nom affiché' }).fill('Agent Brouillon');
    await form().getByLabel('Mot de passe (facultatif)').fill('un mot de passe assez long');
    const stored = await page.evaluate(() =>
      Object.entries(localStorage)
        .filter(([key]) => key.startsWith('dataetat:brouillon:utilisateur:'))
        .map(([, value]) => value),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]).toContain('Agent Brouillon');
    expect(stored[0]).not.toContain('un mot de passe assez long');

    await page.reload();
    const offer = form().getByTestId('draft-offer');
    await offer.waitFor();
    await expect(form().getByRole('textbox', { name: 'Nom affiché' }).inputValue()).resolves.toBe('');
    await expectAccessible(page);
    await offer.getByRole('button', { name: /^Reprendre le brouillon du / }).click();
    await expect(form().getByRole('textbox', { name: 'Nom affiché' }).inputValue()).resolves.toBe(
      'Agent Brouillon',
    );
    await expect(form().getByRole('textbox', { name: 'Adresse électronique' }).inputValue()).resolves.toBe(
      'agent.brouillon@demo.local',
    );
    // Cancelling forgets it.
    await form().getByRole('button', { name: 'Annuler' }).click();
    await page.reload();
    await page.getByRole('button', { name: 'Créer un compte' }).waitFor();
    expect(await page.getByTestId('draft-offer').count()).toBe(0);
  });

  it('left no error in the browser', () => {
    expect(session.pageErrors).toEqual([]);
  });
});
