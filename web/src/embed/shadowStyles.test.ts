import { describe, expect, it } from 'vitest';
import { toShadowCss } from './shadowStyles.ts';

describe('toShadowCss', () => {
  it('moves :root, html and body rules to the host element and takes the fonts out', () => {
    const css =
      '@font-face{font-family:Marianne;src:url(a.woff2)}:root{--text:#161616}html,body{color:var(--text)}' +
      ':root:where([data-fr-theme=dark]){--text:#fff}@media (min-width:48em){body{font-size:1rem}}' +
      '.fr-table tbody td{padding:0}.fr-html-like{x:y}';
    const shadow = toShadowCss(css);
    expect(shadow.fontFaces).toBe('@font-face{font-family:Marianne;src:url(a.woff2)}');
    expect(shadow.css).toBe(
      ':host{--text:#161616}:host,:host{color:var(--text)}:host:where([data-fr-theme=dark]){--text:#fff}' +
        '@media (min-width:48em){:host{font-size:1rem}}.fr-table tbody td{padding:0}.fr-html-like{x:y}',
    );
  });
});
