/**
 * Styles of the embeds' shadow roots: DSFR and widget CSS as constructable style sheets, parsed
 * once and adopted by every embed of the page. Nothing is added to the host page's styles but
 * the fonts' `@font-face` rules (a shadow root cannot declare fonts), which style nothing.
 */
const sheets: CSSStyleSheet[] = [];
const roots = new Set<ShadowRoot>();
/** The fonts' sheet, adopted by the document on first use. */
let fontFaces: CSSStyleSheet | null = null;

/**
 * The CSS rewritten for a shadow root: what DSFR puts on `:root`, `html` and `body` (its colour
 * variables, base font and colour) goes on the host element instead.
 */
export function toShadowCss(css: string): { css: string; fontFaces: string } {
  const faces: string[] = [];
  const withoutFaces = css.replace(/@font-face\s*\{[^}]*\}/g, (rule) => {
    faces.push(rule);
    return '';
  });
  const scoped = withoutFaces.replace(
    /(^|[{},]|\*\/)(\s*)(:root|html|body)(?=[\s,{:.[>~+)]|$)/g,
    (_match, before: string, space: string) => `${before}${space}:host`,
  );
  return { css: scoped, fontFaces: faces.join('\n') };
}

/** Adds a style sheet to every embed (present and future): widget types bring theirs when loaded. */
export function addShadowCss(css: string): void {
  const shadow = toShadowCss(css);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(shadow.css);
  sheets.push(sheet);
  if (shadow.fontFaces) {
    if (!fontFaces) {
      fontFaces = new CSSStyleSheet();
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, fontFaces];
    }
    for (const rule of shadow.fontFaces.match(/@font-face\s*\{[^}]*\}/g) ?? [])
      fontFaces.insertRule(rule, fontFaces.cssRules.length);
  }
  for (const root of roots) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

export function adoptShadowStyles(root: ShadowRoot): () => void {
  root.adoptedStyleSheets = [...sheets];
  roots.add(root);
  return () => {
    roots.delete(root);
  };
}
