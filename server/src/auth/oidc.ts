import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import type { OidcSettings } from '../config.ts';
import { isRole, NATIONAL_SCOPE, USER_ROLES, type UserRole } from './roles.ts';

/**
 * OpenID Connect relying party (Keycloak-compatible): authorization code flow with PKCE (S256),
 * state and nonce; the ID token is verified against the issuer's JWKS (signature, issuer,
 * audience, expiry, nonce). Role and territory come from configurable claims.
 */

interface ProviderMetadata {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly jwks_uri: string;
}

/** What the login needs to remember between the redirect and the callback (signed cookie). */
export interface OidcTransaction {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly returnTo: string;
  /** Expiry, ms since epoch. */
  readonly expiresAt: number;
}

/** Why an OIDC login failed; the web login page shows a French message for each. */
export type OidcFailure = 'oidc_transaction' | 'oidc_provider' | 'oidc_token' | 'oidc_claims';

export class OidcLoginError extends Error {
  constructor(
    readonly reason: OidcFailure,
    message: string,
  ) {
    super(message);
    this.name = 'OidcLoginError';
  }
}

export interface OidcAccount {
  /** `issuer#sub`: stable identity at the provider. */
  readonly subject: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly name: string;
  readonly role: UserRole;
  readonly scope: string;
}

const TRANSACTION_MS = 10 * 60_000;

function base64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}

export class OidcClient {
  private metadata: Promise<ProviderMetadata> | undefined;
  private jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

  constructor(readonly settings: OidcSettings) {}

  /** Discovery document, fetched once; a failure is retried on the next login. */
  private discover(): Promise<ProviderMetadata> {
    this.metadata ??= (async () => {
      const url = `${this.settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
      const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`découverte OIDC ${url} : HTTP ${response.status}`);
      const metadata = (await response.json()) as ProviderMetadata;
      if (metadata.issuer !== this.settings.issuer) {
        throw new Error(
          `l'émetteur annoncé (${metadata.issuer}) diffère de OIDC_ISSUER (${this.settings.issuer})`,
        );
      }
      return metadata;
    })().catch((error: unknown) => {
      this.metadata = undefined;
      throw new OidcLoginError('oidc_provider', `Fournisseur OIDC injoignable : ${String(error)}`);
    });
    return this.metadata;
  }

  async authorizationRequest(returnTo: string): Promise<{ url: string; transaction: OidcTransaction }> {
    const metadata = await this.discover();
    const transaction: OidcTransaction = {
      state: base64url(randomBytes(24)),
      nonce: base64url(randomBytes(24)),
      verifier: base64url(randomBytes(32)),
      returnTo,
      expiresAt: Date.now() + TRANSACTION_MS,
    };
    const url = new URL(metadata.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.settings.clientId,
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      state: transaction.state,
      nonce: transaction.nonce,
      code_challenge: base64url(createHash('sha256').update(transaction.verifier).digest()),
      code_challenge_method: 'S256',
    }).toString();
    return { url: url.toString(), transaction };
  }

  /** Exchanges the code (with the PKCE verifier) and verifies the ID token. */
  async finish(code: string, transaction: OidcTransaction): Promise<OidcAccount> {
    const metadata = await this.discover();
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (this.settings.clientSecret) {
      const basic = `${encodeURIComponent(this.settings.clientId)}:${encodeURIComponent(this.settings.clientSecret)}`;
      headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
    }
    const response = await fetch(metadata.token_endpoint, {
      method: 'POST',
      headers,
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: this.settings.redirectUri,
        code_verifier: transaction.verifier,
        ...(!this.settings.clientSecret && { client_id: this.settings.clientId }),
      }),
      signal: AbortSignal.timeout(10_000),
    }).catch((error: unknown) => {
      throw new OidcLoginError('oidc_provider', `Point de jeton OIDC injoignable : ${String(error)}`);
    });
    const body = (await response.json().catch(() => ({}))) as { id_token?: unknown; error?: unknown };
    if (!response.ok || typeof body.id_token !== 'string') {
      throw new OidcLoginError(
        'oidc_token',
        `Échange du code refusé par le fournisseur (HTTP ${response.status}, ${String(body.error ?? 'sans id_token')})`,
      );
    }
    this.jwks ??= createRemoteJWKSet(new URL(metadata.jwks_uri));
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(body.id_token, this.jwks, {
        issuer: this.settings.issuer,
        audience: this.settings.clientId,
        algorithms: ['RS256', 'PS256', 'ES256'],
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: 30,
      }));
    } catch (error) {
      throw new OidcLoginError('oidc_token', `Jeton d'identité invalide : ${String(error)}`);
    }
    if (payload.nonce !== transaction.nonce) {
      throw new OidcLoginError('oidc_token', "Jeton d'identité rejoué ou d'une autre connexion (nonce).");
    }
    return accountFromClaims(payload, this.settings);
  }
}

/** Reads a claim by dotted path (`realm_access.roles`). */
function claimAt(payload: JWTPayload, dottedPath: string): unknown {
  let value: unknown = payload;
  for (const key of dottedPath.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const REGION_CODE = /^\d{2}$/;

/** Maps verified ID token claims to an account; a missing role or territory refuses the login. */
export function accountFromClaims(payload: JWTPayload, settings: OidcSettings): OidcAccount {
  const email = typeof payload.email === 'string' ? payload.email.trim().toLowerCase() : '';
  if (!email)
    throw new OidcLoginError('oidc_claims', "Le jeton d'identité ne contient pas d'adresse électronique.");
  const roleClaim = claimAt(payload, settings.roleClaim);
  // A list (Keycloak realm roles): the highest Data-État role it contains.
  const roles = (Array.isArray(roleClaim) ? roleClaim : [roleClaim]).filter(isRole);
  const role = [...USER_ROLES].reverse().find((r) => roles.includes(r));
  if (!role) {
    throw new OidcLoginError(
      'oidc_claims',
      `Rôle absent ou inconnu dans la revendication « ${settings.roleClaim} ».`,
    );
  }
  const scopeClaim = claimAt(payload, settings.scopeClaim);
  const scope = (Array.isArray(scopeClaim) ? scopeClaim : [scopeClaim]).find(
    (s): s is string => typeof s === 'string' && (s === NATIONAL_SCOPE || REGION_CODE.test(s)),
  );
  if (!scope) {
    throw new OidcLoginError(
      'oidc_claims',
      `Territoire absent ou invalide dans la revendication « ${settings.scopeClaim} » (NAT ou code de région attendu).`,
    );
  }
  const name =
    typeof payload.name === 'string' && payload.name.trim()
      ? payload.name.trim()
      : [payload.given_name, payload.family_name].filter((p) => typeof p === 'string').join(' ') || email;
  return {
    subject: `${settings.issuer}#${payload.sub}`,
    email,
    emailVerified: payload.email_verified === true,
    name,
    role,
    scope,
  };
}
