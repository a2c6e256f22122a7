/**
 * `GET /embed/<token>`: the page an `<iframe>` shows — nothing but the embed's custom element,
 * full size, loaded by `/embed.js` (which then reads the API with the token). Framing follows
 * the embed: `frame-ancestors 'self'` plus its allowed origins, in place of the app's 'self'.
 * A token that opens nothing gives a short French page with the reason and no data.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { answerEmbedSvg } from '../embed/svg-answer.ts';
import { AppError } from '../errors.ts';
import type { ApiPlugin } from '../plugins/contracts.ts';
import { type GrantDeps, openGrant, resolveEmbed } from '../sharing/grant-context.ts';
import { OpenedGrants } from '../sharing/opened-grants.ts';
import { perTokenRateLimit } from './grants.ts';

/** An origin as the sharing API stores it; anything else never reaches a header. */
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Helmet's policy with its `frame-ancestors` replaced. */
function setFrameAncestors(reply: FastifyReply, sources: readonly string[]): void {
  const current = String(reply.getHeader('content-security-policy') ?? "default-src 'self'");
  const directives = current
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '' && !d.startsWith('frame-ancestors'));
  reply.header('content-security-policy', [...directives, `frame-ancestors ${sources.join(' ')}`].join(';'));
  // Superseded by frame-ancestors, and would forbid every other site.
  reply.removeHeader('x-frame-options');
}

const page = (title: string, body: string) => `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} — Data-État</title>
<style>
html, body { margin: 0; height: 100%; font-family: Marianne, Arial, sans-serif; color: #161616; }
dataetat-dashboard, dataetat-widget { display: block; width: 100%; height: 100%; }
.refus { padding: 1.5rem; border-left: 4px solid #ce0500; margin: 1rem; background: #fff4f4; }
.refus h1 { font-size: 1.25rem; margin: 0 0 .5rem; }
.refus p { margin: 0; }
</style>
</head>
<body>
${body}
</body>
</html>
`;

/** The token of `/embed/<token>[.svg]` (the wildcard, `.svg` dropped). */
const wildcard = (request: FastifyRequest) => (request.params as { '*': string })['*'];
const isPicture = (request: FastifyRequest) => wildcard(request).endsWith('.svg');
const embedPageToken = (request: FastifyRequest) => wildcard(request).replace(/\.svg$/, '');

export const embedPageRoutes: ApiPlugin = async (app) => {
  const { services } = app;
  const { sharing, embedTokens: tokens } = services;
  const deps: GrantDeps = {
    dashboards: services.dashboards,
    opened: new OpenedGrants(services.metadata.writeGeneration),
  };
  const svgDeps = { sharing, tokens, grants: deps };

  // A wildcard, not `:token`: an embed token (a JWT) is longer than the router's parameters.
  app.get(
    '/embed/*',
    // No params schema: TypeBox cannot name a `*` property; the token is checked by its verifier.
    {
      config: {
        access: 'public',
        // Pages and pictures cost a render each (a chart picture up to ~70 ms): same bound per token.
        rateLimit: perTokenRateLimit(services.settings.grantRateLimit, embedPageToken),
      },
    },
    async (request, reply) => {
      const token = embedPageToken(request);
      // `/embed/<token>.svg`: the widget as a picture (the `.svg` is never part of a token).
      if (isPicture(request)) return answerEmbedSvg(app, svgDeps, request, reply, token);
      reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
      try {
        const grant = await resolveEmbed(sharing, tokens, token, deps.opened);
        const view = await openGrant(deps, grant, request.identity);
        setFrameAncestors(reply, ["'self'", ...grant.allowedOrigins.filter((o) => ORIGIN.test(o))]);
        const element = grant.widgetId === null ? 'dataetat-dashboard' : 'dataetat-widget';
        return reply.send(
          page(
            view.dashboard.title,
            `<${element} token="${escapeHtml(token)}" height="fill"></${element}>\n<script src="/embed.js" async></script>`,
          ),
        );
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        // A refusal holds no data and no action: any host page may show why it is empty.
        setFrameAncestors(reply, ['*']);
        return reply
          .status(error.status)
          .send(
            page(
              'Intégration indisponible',
              `<div class="refus" role="alert"><h1>Contenu indisponible</h1><p>${escapeHtml(error.message)}</p></div>`,
            ),
          );
      }
    },
  );
};
