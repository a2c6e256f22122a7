import DOMPurify, { type DOMPurify as Purifier } from 'dompurify';
import { Marked } from 'marked';

/** Tags and attributes a text widget never keeps, on top of DOMPurify's defaults. */
const FORBID_TAGS = ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'];
const FORBID_ATTR = ['style', 'class', 'id'];

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const parsers = new Map<number, Marked>();

/** A Markdown parser whose `#` headings start at `headingLevel` (h3 by default). */
function parserFor(headingLevel: number): Marked {
  let parser = parsers.get(headingLevel);
  if (!parser) {
    const shift = headingLevel - 1;
    parser = new Marked({
      gfm: true,
      // Raw HTML inside the Markdown is shown as text, never interpreted.
      renderer: { html: ({ text }) => escapeHtml(text) },
      walkTokens(token) {
        if (token.type === 'heading') token.depth = Math.min(6, token.depth + shift);
      },
    });
    parsers.set(headingLevel, parser);
  }
  return parser;
}

let purifier: Purifier | null | undefined;

/**
 * Our own DOMPurify instance (its hooks do not leak to other users of the library): an image
 * without `alt` gets `alt=""` — read as decorative rather than by its file name (RGAA 1.2).
 */
function textPurifier(): Purifier | null {
  if (purifier !== undefined) return purifier;
  if (typeof window === 'undefined' || !DOMPurify.isSupported) return null;
  purifier = DOMPurify(window);
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'IMG' && !node.hasAttribute('alt')) node.setAttribute('alt', '');
  });
  return purifier;
}

/**
 * Markdown → sanitised HTML, safe to inject. Two layers: `marked` renders Markdown with any raw
 * HTML escaped (shown as text), then DOMPurify removes whatever executable Markdown can still
 * express (`[lien](javascript:…)`). DOMPurify needs a DOM: in the browser it uses `window`;
 * without one (server-side rendering) the whole text is escaped and shown as is.
 */
export function renderMarkdown(markdown: string, headingLevel = 3): string {
  const purifier = textPurifier();
  if (!purifier) return `<p>${escapeHtml(markdown)}</p>`;
  return purifier.sanitize(markdownToHtml(markdown, headingLevel), {
    USE_PROFILES: { html: true },
    FORBID_TAGS,
    FORBID_ATTR,
  });
}

/** Markdown → HTML with raw HTML escaped, before DOMPurify: only for `renderMarkdown` and tests. */
export function markdownToHtml(markdown: string, headingLevel = 3): string {
  return parserFor(headingLevel).parse(markdown, { async: false });
}
