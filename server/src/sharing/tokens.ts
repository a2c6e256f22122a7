/**
 * Tokens of grants (DESIGN §8, issue 10).
 *
 * - Share link: 32 random bytes in base64url (256 bits). The store keeps only its sha-256 (hex),
 *   so a leaked database opens nothing; the token is shown once, at creation.
 * - Embed: an HS256 JWT whose key is derived from the app's jwtSecret by HKDF (info
 *   `dataetat-embed-v1`), never the session key itself, so a session token cannot pass for an
 *   embed token nor the reverse. No `iat`: the same row always signs the same token, so the
 *   management list can show it again.
 */
import { createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { StoredFilter } from '../metadata/schema.ts';

/** Bytes of randomness in a share-link token. */
export const SHARE_LINK_TOKEN_BYTES = 32;
/** The exact shape of a share-link token: 43 base64url characters (32 bytes, no padding). */
export const SHARE_LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new share-link token and the hash to store. */
export function newShareLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(SHARE_LINK_TOKEN_BYTES).toString('base64url');
  return { token, tokenHash: hashShareLinkToken(token) };
}

/** sha-256 hex of a token: what `share_links.token_hash` holds and what lookups use. */
export function hashShareLinkToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Cheap shape check before any lookup: anything else is an unknown token. */
export function isShareLinkTokenShape(token: string): boolean {
  return SHARE_LINK_TOKEN_PATTERN.test(token);
}

/**
 * Whether `token` hashes to `storedHash`, compared in constant time (the lookup by hash already
 * found the row; this guards against an index that would match loosely, e.g. a collation).
 */
export function shareLinkTokenMatches(token: string, storedHash: string): boolean {
  const actual = Buffer.from(hashShareLinkToken(token), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && actual.length > 0 && timingSafeEqual(actual, expected);
}

/** HKDF `info` of the embed signing key: changing it invalidates every embed token. */
export const EMBED_KEY_INFO = 'dataetat-embed-v1';
const EMBED_ALG = 'HS256';

/** What an embed token says. The `embeds` row stays the truth (revocation, locked filters). */
export interface EmbedClaims {
  /** Embed id (`embeds.id`). */
  readonly eid: string;
  /** Dashboard id. */
  readonly dsh: string;
  /** Widget id, null for the whole dashboard. */
  readonly wid: string | null;
  /** Locked filters at signing time. */
  readonly lck: readonly StoredFilter[];
  /** Expiry, seconds since the epoch (absent: no expiry). */
  readonly exp?: number;
}

/** Why a token was refused; every case maps to GRANT_NOT_FOUND except `expired` (GRANT_EXPIRED). */
export type EmbedTokenFailure = 'malformed' | 'signature' | 'algorithm' | 'expired' | 'claims';

export type EmbedTokenCheck =
  | { readonly ok: true; readonly claims: EmbedClaims }
  | { readonly ok: false; readonly reason: EmbedTokenFailure };

/** The embed signing key: HKDF-SHA256 of the app secret, 32 bytes. */
export function deriveEmbedKey(jwtSecret: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', jwtSecret, '', EMBED_KEY_INFO, 32));
}

/** Longest embed token accepted for verification (a token is a few hundred bytes). */
const MAX_EMBED_TOKEN_LENGTH = 16_384;

/** Signs and verifies embed tokens with the key derived from one app secret. */
export class EmbedTokens {
  private readonly key: Uint8Array;

  constructor(jwtSecret: string) {
    this.key = deriveEmbedKey(jwtSecret);
  }

  /** The token of an embed; `expiresAt` becomes `exp` (whole seconds). */
  sign(embed: {
    id: string;
    dashboardId: string;
    widgetId: string | null;
    lockedFilters: readonly StoredFilter[];
    expiresAt: Date | null;
  }): Promise<string> {
    const jwt = new SignJWT({
      eid: embed.id,
      dsh: embed.dashboardId,
      wid: embed.widgetId,
      lck: embed.lockedFilters as StoredFilter[],
    }).setProtectedHeader({ alg: EMBED_ALG, typ: 'JWT' });
    if (embed.expiresAt) jwt.setExpirationTime(Math.floor(embed.expiresAt.getTime() / 1000));
    return jwt.sign(this.key);
  }

  /** Checks shape, algorithm (HS256 only), signature and `exp`; returns the claims or why not. */
  async verify(token: string, now: Date = new Date()): Promise<EmbedTokenCheck> {
    if (token.length === 0 || token.length > MAX_EMBED_TOKEN_LENGTH)
      return { ok: false, reason: 'malformed' };
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [EMBED_ALG],
        currentDate: now,
        clockTolerance: 0,
      });
      const claims = readClaims(payload);
      return claims ? { ok: true, claims } : { ok: false, reason: 'claims' };
    } catch (error) {
      return { ok: false, reason: failureOf(error) };
    }
  }
}

function failureOf(error: unknown): EmbedTokenFailure {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
    return 'algorithm';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature';
  if (error instanceof errors.JWTClaimValidationFailed) return 'claims';
  return 'malformed';
}

function readClaims(payload: Record<string, unknown>): EmbedClaims | undefined {
  const { eid, dsh, wid, lck, exp } = payload;
  if (typeof eid !== 'string' || typeof dsh !== 'string') return undefined;
  if (wid !== null && typeof wid !== 'string') return undefined;
  if (!Array.isArray(lck)) return undefined;
  if (exp !== undefined && typeof exp !== 'number') return undefined;
  return { eid, dsh, wid, lck: lck as StoredFilter[], ...(exp !== undefined && { exp }) };
}
