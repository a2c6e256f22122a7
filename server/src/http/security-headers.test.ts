import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { securityHeaders, securityHeadersOf } from './security-headers.ts';

const options = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      frameAncestors: ["'self'"],
    },
  },
};

/** Helmet 8's defaults besides the CSP: what every answer must keep carrying. */
const EXPECTED = {
  // Ours, merged with helmet's default directives (object-src 'none', upgrade-insecure-requests…).
  'content-security-policy': expect.stringMatching(
    /^default-src 'self';.*frame-ancestors 'self';.*object-src 'none';script-src 'self';.*upgrade-insecure-requests$/,
  ),
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

describe('security headers', () => {
  it('are helmet’s headers for the options, computed once', () => {
    expect(securityHeadersOf(options)).toEqual(EXPECTED);
  });

  it('go out on answers, errors and unknown addresses; a route may replace the CSP', async () => {
    const app = Fastify({ logger: false });
    await app.register(securityHeaders, options);
    app.get('/ok', async () => ({ ok: true }));
    app.get('/boom', async () => {
      throw new Error('boom');
    });
    app.get('/embed', async (_request, reply) => {
      reply.header('content-security-policy', "frame-ancestors 'self' https://hote.example");
      return 'ok';
    });
    for (const url of ['/ok', '/boom', '/inconnue']) {
      const response = await app.inject(url);
      expect(response.headers, url).toMatchObject(EXPECTED);
    }
    const embed = await app.inject('/embed');
    expect(embed.headers['content-security-policy']).toBe("frame-ancestors 'self' https://hote.example");
    expect(embed.headers['x-content-type-options']).toBe('nosniff');
    await app.close();
  });
});
