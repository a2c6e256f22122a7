import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  deriveEmbedKey,
  EmbedTokens,
  hashShareLinkToken,
  isShareLinkTokenShape,
  newShareLinkToken,
  shareLinkTokenMatches,
} from './tokens.ts';

const SECRET = 'a'.repeat(48);
const embed = {
  id: 'Emb0000001',
  dashboardId: 'Dash000001',
  widgetId: 'w1',
  lockedFilters: [{ field: 'departement', op: 'eq', values: ['35'] }],
  expiresAt: null,
};

describe('share-link tokens', () => {
  it('are 256 random bits in base64url, stored as their sha-256', () => {
    const { token, tokenHash } = newShareLinkToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(isShareLinkTokenShape(token)).toBe(true);
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash).not.toContain(token);
    expect(hashShareLinkToken(token)).toBe(tokenHash);
    expect(newShareLinkToken().token).not.toBe(token);
  });

  it('match only their own hash', () => {
    const { token, tokenHash } = newShareLinkToken();
    expect(shareLinkTokenMatches(token, tokenHash)).toBe(true);
    const other = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(shareLinkTokenMatches(other, tokenHash)).toBe(false);
    expect(shareLinkTokenMatches(token, '')).toBe(false);
    expect(shareLinkTokenMatches(token, 'abcd')).toBe(false);
    expect(isShareLinkTokenShape(`${token}x`)).toBe(false);
    expect(isShareLinkTokenShape(token.replace(/.$/, '='))).toBe(false);
  });
});

describe('embed tokens', () => {
  const tokens = new EmbedTokens(SECRET);

  it('round-trip their claims, and the same row signs the same token', async () => {
    const token = await tokens.sign(embed);
    expect(await tokens.sign(embed)).toBe(token);
    expect(await tokens.verify(token)).toEqual({
      ok: true,
      claims: { eid: embed.id, dsh: embed.dashboardId, wid: 'w1', lck: embed.lockedFilters },
    });
    const whole = await tokens.sign({ ...embed, widgetId: null });
    expect(await tokens.verify(whole)).toMatchObject({ ok: true, claims: { wid: null } });
  });

  it('refuse a tampered payload or signature', async () => {
    const token = await tokens.sign(embed);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const widened = Buffer.from(
      JSON.stringify({ eid: embed.id, dsh: embed.dashboardId, wid: 'w1', lck: [] }),
    ).toString('base64url');
    expect(await tokens.verify(`${header}.${widened}.${signature}`)).toEqual({
      ok: false,
      reason: 'signature',
    });
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await tokens.verify(`${header}.${payload}.${flipped}`)).ok).toBe(false);
    expect(await tokens.verify('not-a-jwt')).toEqual({ ok: false, reason: 'malformed' });
    expect(await tokens.verify('')).toEqual({ ok: false, reason: 'malformed' });
    expect(await tokens.verify('x'.repeat(20_000))).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuse another key: another secret, or the session secret itself', async () => {
    const other = await new EmbedTokens('b'.repeat(48)).sign(embed);
    expect(await tokens.verify(other)).toEqual({ ok: false, reason: 'signature' });
    // Signed with the raw app secret (the session key), not the derived one.
    const raw = await new SignJWT({ eid: embed.id, dsh: embed.dashboardId, wid: null, lck: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(SECRET));
    expect(await tokens.verify(raw)).toEqual({ ok: false, reason: 'signature' });
    expect(Buffer.from(deriveEmbedKey(SECRET))).not.toEqual(Buffer.from(SECRET));
  });

  it('refuse another algorithm, including none', async () => {
    const key = deriveEmbedKey(SECRET);
    const hs512 = await new SignJWT({ eid: embed.id, dsh: embed.dashboardId, wid: null, lck: [] })
      .setProtectedHeader({ alg: 'HS512' })
      .sign(new Uint8Array(Buffer.concat([Buffer.from(key), Buffer.from(key)])));
    expect(await tokens.verify(hs512)).toEqual({ ok: false, reason: 'algorithm' });
    const body = Buffer.from(
      JSON.stringify({ eid: embed.id, dsh: embed.dashboardId, wid: null, lck: [] }),
    ).toString('base64url');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${body}.`;
    expect((await tokens.verify(none)).ok).toBe(false);
    // HS256 header but signed by hand with the right key: accepted, so the refusals above are the alg.
    const header = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');
    const mac = createHmac('sha256', key).update(`${header}.${body}`).digest('base64url');
    expect((await tokens.verify(`${header}.${body}.${mac}`)).ok).toBe(true);
  });

  it('refuse an expired token, accept it before its expiry', async () => {
    const expiresAt = new Date('2030-01-01T00:00:00Z');
    const token = await tokens.sign({ ...embed, expiresAt });
    expect(await tokens.verify(token, new Date('2029-12-31T23:59:58Z'))).toMatchObject({
      ok: true,
      claims: { exp: expiresAt.getTime() / 1000 },
    });
    expect(await tokens.verify(token, new Date('2030-01-01T00:00:01Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuse a validly signed token without the embed claims', async () => {
    const key = deriveEmbedKey(SECRET);
    const token = await new SignJWT({ eid: 42, dsh: 'x', wid: null, lck: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(key);
    expect(await tokens.verify(token)).toEqual({ ok: false, reason: 'claims' });
  });
});
