import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WIDGET_TYPE_INFO } from './registry.ts';
import { TypePictureSvg } from './TypePictureSvg.tsx';

describe('TypePictureSvg', () => {
  it('draws every shape of the picture in its DSFR colour, hidden from assistive technologies', () => {
    const picture = WIDGET_TYPE_INFO.gauge.picture;
    const html = renderToStaticMarkup(<TypePictureSvg picture={picture} />);
    expect(html).toMatch(
      /^<svg [^>]*viewBox="0 0 56 40" width="56" height="40" aria-hidden="true" focusable="false"/,
    );
    const paths = [...html.matchAll(/<path d="([^"]+)" style="([^"]+)"/g)];
    expect(paths.map((p) => p[1])).toEqual(picture.map((s) => s.d));
    // The track is a line (no fill), the hub a filled disc, both in the DSFR tokens.
    expect(paths[0]?.[2]).toBe(
      'fill:none;stroke:var(--blue-france-850-200, #cacafb);stroke-width:6;stroke-linecap:round;stroke-linejoin:round',
    );
    expect(paths.at(-1)?.[2]).toBe('fill:var(--artwork-major-blue-france, #000091)');
    // No text of its own: the name and explanation beside it are the accessible text.
    expect(html).not.toMatch(/<(title|desc|text)\b/);
  });

  it('keeps the 56 × 40 proportions at another width', () => {
    const html = renderToStaticMarkup(<TypePictureSvg picture={WIDGET_TYPE_INFO.bar.picture} width={28} />);
    expect(html).toContain('width="28" height="20"');
  });
});
