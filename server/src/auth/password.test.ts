import { describe, expect, it } from 'vitest';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.ts';

describe('scrypt password hashes', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const first = await hashPassword('mot de passe très long');
    const second = await hashPassword('mot de passe très long');
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[\w+/=]{24}\$[\w+/=]{44}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('mot de passe très long', first)).toBe(true);
    expect(await verifyPassword('mot de passe très lonG', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('treats malformed stored values as no match, without throwing', async () => {
    for (const stored of [
      '',
      'plain',
      'bcrypt$x$y',
      'scrypt$abc$8$1$c2FsdA==$aGFzaA==',
      'scrypt$16384$8$1$$',
    ]) {
      expect(await verifyPassword('x', stored)).toBe(false);
    }
  });

  it('keeps one dummy hash that matches no chosen password', async () => {
    const dummy = await dummyPasswordHash();
    expect(await dummyPasswordHash()).toBe(dummy);
    expect(await verifyPassword('demo', dummy)).toBe(false);
  });
});
