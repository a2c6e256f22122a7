import { describe, expect, it } from 'vitest';
import { purgeDsfrCss } from '../../scripts/purge-dsfr.mjs';

describe('the embed’s DSFR sheet purge', () => {
  const used = new Set(['.fr-mt-1w', '.fr-ml-1w']);

  it('keeps the spacing utilities the sources name, at every breakpoint, and drops the others', () => {
    const css =
      '.fr-mt-1w{margin-top:.5rem!important}.fr-mt-2w{margin-top:1rem!important}' +
      '@media (min-width:48em){.fr-mt-md-1w{margin-top:.5rem!important}.fr-ml-1w,.fr-mr-1w{margin:0}}';
    expect(purgeDsfrCss(css, used)).toBe(
      '.fr-mt-1w{margin-top:.5rem!important}@media (min-width:48em){.fr-ml-1w{margin:0}}',
    );
  });

  it('leaves every other rule alone: components, mixed selectors, custom properties, strings with braces', () => {
    const css =
      '.fr-btn{--x:"}";color:red}.fr-mt-3w,.fr-btn--sm{padding:0}:root{--a:1}' +
      '@supports (aspect-ratio:1){.fr-ratio{aspect-ratio:1}}';
    expect(purgeDsfrCss(css, used)).toBe(css);
  });

  it('drops Internet Explorer’s high-contrast rules and media blocks left empty', () => {
    const css =
      '@media (-ms-high-contrast:active){.fr-btn{border:1px solid}}' +
      '@media (min-width:62em){.fr-p-lg-4w{padding:2rem!important}}.fr-table{width:100%}';
    expect(purgeDsfrCss(css, used)).toBe('.fr-table{width:100%}');
  });
});
