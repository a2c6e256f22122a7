import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import type { OidcSettings } from '../config.ts';
import { openTestServices } from '../testing/harness.ts';
import { loginAs } from '../testing/session.ts';
import { accountFromClaims, OidcLoginError } from './oidc.ts';
import { SESSION_COOKIE } from './session.ts';

/**
 * The whole OIDC flow against a real provider (`oidc-provider`, as Keycloak would answer) on
 * loopback: discovery, authorisation with PKCE, state and nonce, code exchange with a client
 * secret, RS256 ID token checked against the provider's JWKS, user provisioning.
 */
const CLIENT_ID = 'data-etat';
const CLIENT_SECRET = 'secret-client-de-test-assez-long-pour-hs256';
const REDIRECT_URI = 'http://data-etat.test/api/auth/oidc/callback';

/** Accounts known to the provider, with the claims Keycloak mappers would add. */
const ACCOUNTS: Record<string, Record<string, unknown>> = {
  'kc-rennes': {
    email: 'Agent.Rennes@bretagne.gouv.fr',
    email_verified: true,
    name: 'Agent de Rennes',
    dataetat_role: ['offline_access', 'editeur'],
    dataetat_scope: '53',
  },
  'kc-sans-role': {
    email: 'sans.role@exemple.gouv.fr',
    email_verified: true,
    name: 'Sans rôle',
    dataetat_scope: 'NAT',
  },
  'kc-admin-demo': {
    email: 'admin@demo.local',
    email_verified: true,
    name: 'Admin via SSO',
    dataetat_role: 'admin',
    dataetat_scope: 'NAT',
  },
};

let provider: Provider;
let providerServer: Server;
let issuer: string;
/** Who the provider's login screen signs in as, for the next flow. */
let nextAccount = 'kc-rennes';

async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: nextAccount } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  const grant = new provider.Grant({ accountId: String(details.session?.accountId), clientId: CLIENT_ID });
  grant.addOIDCScope(String(details.params.scope));
  await provider.interactionFinished(
    req,
    res,
    { consent: { grantId: await grant.save() } },
    { mergeWithLastSubmission: true },
  );
}

async function startProvider(): Promise<void> {
  providerServer = createServer((req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      interaction(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const configuration: Configuration = {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: {
      keys: [{ ...(await exportJWK(privateKey)), kid: 'cle-test', alg: 'RS256', use: 'sig' }] as never,
    },
    cookies: { keys: ['cle-de-cookies-du-fournisseur-de-test'] },
    claims: {
      openid: ['sub', 'dataetat_role', 'dataetat_scope'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    // Like Keycloak's mappers: claims in the ID token itself.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, details) => `/interaction/${details.uid}` },
    async findAccount(_ctx, sub) {
      const claims = ACCOUNTS[sub];
      if (!claims) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...claims }) };
    },
  };
  provider = new Provider(issuer, configuration);
}

/** Cookie jar for the browser's side of the provider (its session and interaction cookies). */
class Jar {
  private readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair?.indexOf('=') ?? -1;
      if (pair && index > 0) this.cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
  }
}

interface FlowResult {
  readonly status: number;
  readonly location: string;
  readonly sessionCookie: string | undefined;
}

/** Browser journey: Data-État → provider (login) → back to the callback → redirected in. */
async function oidcLogin(
  app: FastifyInstance,
  account: string,
  returnTo = '/jeux-de-donnees',
): Promise<FlowResult> {
  nextAccount = account;
  const start = await app.inject({ url: `/api/auth/oidc/login?retour=${encodeURIComponent(returnTo)}` });
  expect(start.statusCode).toBe(302);
  const transaction = start.cookies.find((c) => c.name === 'dataetat_oidc');
  expect(transaction).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/auth/oidc' });
  let location = String(start.headers.location);
  const jar = new Jar();
  for (let hop = 0; location.startsWith(issuer) && hop < 10; hop++) {
    const response = await fetch(location, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(response);
    location = new URL(String(response.headers.get('location')), location).toString();
  }
  expect(location.startsWith(REDIRECT_URI)).toBe(true);
  const callback = new URL(location);
  const done = await app.inject({
    url: `${callback.pathname}${callback.search}`,
    headers: { cookie: `dataetat_oidc=${transaction?.value}` },
  });
  return {
    status: done.statusCode,
    location: String(done.headers.location),
    sessionCookie: done.cookies.find((c) => c.name === SESSION_COOKIE && c.value)?.value,
  };
}

function settingsFor(overrides: Partial<OidcSettings> = {}): OidcSettings {
  return {
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: REDIRECT_URI,
    roleClaim: 'dataetat_role',
    scopeClaim: 'dataetat_scope',
    scopes: 'openid email profile',
    ...overrides,
  };
}

let services: Awaited<ReturnType<typeof openTestServices>>;
let app: FastifyInstance;

beforeAll(async () => {
  await startProvider();
  services = await openTestServices({ chorusLines: 2_000, oidc: settingsFor() });
  app = await buildApp(services, { logger: false });
});
afterAll(async () => {
  await app?.close();
  await services?.cleanup();
  await new Promise((resolve) => providerServer?.close(resolve));
});

describe('OIDC login against a real provider', () => {
  it('advertises the method and redirects with PKCE S256, state and nonce', async () => {
    expect((await app.inject('/api/auth/methods')).json()).toEqual({ password: true, oidc: true });
    const start = await app.inject({ url: '/api/auth/oidc/login' });
    const url = new URL(String(start.headers.location));
    expect(url.origin + url.pathname).toBe(`${issuer}/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      code_challenge_method: 'S256',
      scope: 'openid email profile',
    });
    expect(url.searchParams.get('state')).toMatch(/^[\w-]{32}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[\w-]{32}$/);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
  });

  it('provisions the user from the ID token claims and opens a session', async () => {
    const result = await oidcLogin(app, 'kc-rennes');
    expect(result).toMatchObject({ status: 302, location: '/jeux-de-donnees' });
    const me = await app.inject({
      url: '/api/me',
      headers: { cookie: `${SESSION_COOKIE}=${result.sessionCookie}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({
      email: 'agent.rennes@bretagne.gouv.fr',
      name: 'Agent de Rennes',
      role: 'editeur',
      scope: '53',
      authMethods: ['oidc'],
    });
    const row = await services.users.byEmail('agent.rennes@bretagne.gouv.fr');
    expect(row?.oidcSubject).toBe(`${issuer}#kc-rennes`);
    expect(row?.passwordHash).toBeNull();
    const logins = await services.audit.latest(5, 'login');
    expect(logins[0]).toMatchObject({
      actorEmail: 'agent.rennes@bretagne.gouv.fr',
      details: { method: 'oidc' },
    });
    // The territory from the provider applies to queries.
    const rows = await app.inject({
      method: 'POST',
      url: '/api/query',
      headers: { cookie: `${SESSION_COOKIE}=${result.sessionCookie}`, 'x-csrf-token': me.json().csrfToken },
      payload: { dataset: 'dotations_investissement', measures: ['nb_projets'], dimensions: ['region'] },
    });
    expect(rows.json().rows.map((r: unknown[]) => r[0])).toEqual(['53']);
  });

  it('updates role and territory from the provider at each login', async () => {
    ACCOUNTS['kc-rennes'] = { ...ACCOUNTS['kc-rennes'], dataetat_role: 'lecteur', dataetat_scope: 'NAT' };
    const result = await oidcLogin(app, 'kc-rennes', '/tableaux?x=1');
    expect(result.location).toBe('/tableaux?x=1');
    const row = await services.users.byEmail('agent.rennes@bretagne.gouv.fr');
    expect(row).toMatchObject({ role: 'lecteur', scope: 'NAT' });
    expect(
      (await services.users.list()).filter((u) => u.email === 'agent.rennes@bretagne.gouv.fr'),
    ).toHaveLength(1);
  });

  it('links a verified address to the existing local account', async () => {
    const result = await oidcLogin(app, 'kc-admin-demo');
    expect(result.status).toBe(302);
    const row = await services.users.byEmail('admin@demo.local');
    expect(row?.oidcSubject).toBe(`${issuer}#kc-admin-demo`);
    expect(row?.passwordHash).not.toBeNull();
  });

  it('refuses an account without a Data-État role: no user, back to the login page', async () => {
    const result = await oidcLogin(app, 'kc-sans-role');
    expect(result).toMatchObject({
      status: 302,
      location: '/connexion?erreur=oidc_claims',
      sessionCookie: undefined,
    });
    expect(await services.users.byEmail('sans.role@exemple.gouv.fr')).toBeUndefined();
    const failed = await services.audit.latest(1, 'login_failed');
    expect(failed[0]?.details).toMatchObject({ method: 'oidc', reason: 'oidc_claims' });
  });

  it('refuses a disabled account', async () => {
    const admin = await loginAs(app, 'admin@demo.local');
    const row = await services.users.byEmail('agent.rennes@bretagne.gouv.fr');
    await app.inject({
      method: 'PATCH',
      url: `/api/users/${row?.id}`,
      headers: admin.headers,
      payload: { status: 'disabled' },
    });
    const result = await oidcLogin(app, 'kc-rennes');
    expect(result).toMatchObject({
      location: '/connexion?erreur=compte_desactive',
      sessionCookie: undefined,
    });
  });

  it('refuses a callback whose state or transaction cookie does not match', async () => {
    const start = await app.inject({ url: '/api/auth/oidc/login' });
    const cookie = start.cookies.find((c) => c.name === 'dataetat_oidc')?.value;
    const wrongState = await app.inject({
      url: '/api/auth/oidc/callback?code=abc&state=autre',
      headers: { cookie: `dataetat_oidc=${cookie}` },
    });
    expect(wrongState.headers.location).toBe('/connexion?erreur=oidc_transaction');
    const state = new URL(String(start.headers.location)).searchParams.get('state');
    const noCookie = await app.inject({ url: `/api/auth/oidc/callback?code=abc&state=${state}` });
    expect(noCookie.headers.location).toBe('/connexion?erreur=oidc_transaction');
    const forged = await app.inject({
      url: `/api/auth/oidc/callback?code=abc&state=${state}`,
      headers: {
        cookie: `dataetat_oidc=${encodeURIComponent(JSON.stringify({ state, nonce: 'n', verifier: 'v', expiresAt: Date.now() + 60_000 }))}`,
      },
    });
    expect(forged.headers.location).toBe('/connexion?erreur=oidc_transaction');
    // A real transaction with a made-up code: the provider refuses the exchange.
    const badCode = await app.inject({
      url: `/api/auth/oidc/callback?code=invente&state=${state}`,
      headers: { cookie: `dataetat_oidc=${cookie}` },
    });
    expect(badCode.headers.location).toBe('/connexion?erreur=oidc_token');
  });

  it('never redirects outside the site after login', async () => {
    for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      expect((await oidcLogin(app, 'kc-admin-demo', returnTo)).location).toBe('/');
    }
  });

  it('checks the issuer announced by the provider', async () => {
    const other = await openTestServices({
      chorusLines: 2_000,
      oidc: settingsFor({ issuer: issuer.replace('127.0.0.1', 'localhost') }),
    });
    const otherApp = await buildApp(other, { logger: false });
    const start = await otherApp.inject({ url: '/api/auth/oidc/login' });
    expect(start.headers.location).toBe('/connexion?erreur=oidc_provider');
    await otherApp.close();
    await other.cleanup();
  });

  it('answers 404 in French when OIDC is not configured', async () => {
    const plain = await openTestServices({ chorusLines: 2_000 });
    const plainApp = await buildApp(plain, { logger: false });
    const response = await plainApp.inject({ url: '/api/auth/oidc/login' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('AUTH_OIDC_DISABLED');
    expect((await plainApp.inject('/api/auth/methods')).json()).toEqual({ password: true, oidc: false });
    await plainApp.close();
    await plain.cleanup();
  });
});

describe('accountFromClaims', () => {
  const settings = () => settingsFor({ roleClaim: 'realm_access.roles', scopeClaim: 'territoire' });

  it('reads nested Keycloak realm roles and keeps the highest Data-État role', () => {
    const account = accountFromClaims(
      {
        sub: 'x',
        email: ' A@B.fr ',
        given_name: 'Anne',
        family_name: 'Martin',
        realm_access: { roles: ['lecteur', 'admin', 'uma_authorization'] },
        territoire: ['53'],
      },
      settings(),
    );
    expect(account).toMatchObject({
      email: 'a@b.fr',
      name: 'Anne Martin',
      role: 'admin',
      scope: '53',
      emailVerified: false,
    });
  });

  it('refuses a missing e-mail, role or territory, naming the claim', () => {
    const base = { sub: 'x', email: 'a@b.fr', realm_access: { roles: ['lecteur'] }, territoire: 'NAT' };
    expect(() => accountFromClaims({ ...base, email: undefined }, settings())).toThrow(OidcLoginError);
    expect(() => accountFromClaims({ ...base, realm_access: { roles: ['chef'] } }, settings())).toThrow(
      'Rôle absent ou inconnu dans la revendication « realm_access.roles ».',
    );
    expect(() => accountFromClaims({ ...base, territoire: 'Bretagne' }, settings())).toThrow(
      /« territoire »/,
    );
  });
});
