/**
 * The three ways to embed, as the code an intranet webmaster pastes: an iframe, the custom
 * element with its loader, and a picture. Attribute values are escaped: titles are user text.
 */
export interface EmbedSnippets {
  readonly iframe: string;
  readonly script: string;
  /** A server-drawn picture: one widget only (null for a whole dashboard). */
  readonly image: string | null;
}

const attr = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

export function embedSnippets(params: {
  /** The app's origin, e.g. `https://dataetat.gouv.fr`. */
  readonly origin: string;
  readonly token: string;
  /** One widget or the whole dashboard (the custom element's name). */
  readonly wholeDashboard: boolean;
  /** What the embed shows, for the frame's title and the picture's text alternative. */
  readonly title: string;
}): EmbedSnippets {
  const base = params.origin.replace(/\/$/, '');
  const token = encodeURIComponent(params.token);
  const title = attr(params.title);
  const element = params.wholeDashboard ? 'dataetat-dashboard' : 'dataetat-widget';
  return {
    iframe: `<iframe src="${base}/embed/${token}" title="${title}" width="100%" height="${params.wholeDashboard ? 800 : 450}" style="border:0" loading="lazy"></iframe>`,
    script: `<script src="${base}/embed.js" async></script>\n<${element} token="${attr(params.token)}"></${element}>`,
    image: params.wholeDashboard ? null : `<img src="${base}/embed/${token}.svg" alt="${title}">`,
  };
}
