import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ExportMenu } from './ExportMenu.tsx';

describe('ExportMenu', () => {
  it('keeps « Télécharger : » on one line (no-break space before the colon, no wrap)', () => {
    const html = renderToStaticMarkup(
      <ExportMenu
        title="Crédits"
        query={{ dataset: 'chorus_lignes', measures: ['montant'] }}
        exportable={null}
        picture={{ result: null, filterLabels: { fields: {}, values: {} }, truncated: false }}
      />,
    );
    const legend = /<legend[^>]*style="([^"]*)"[^>]*>([^<]*)<\/legend>/.exec(html);
    expect(legend?.[2]).toBe('Télécharger\u00a0:');
    expect(legend?.[1]).toContain('white-space:nowrap');
    expect(html).toContain('>CSV<');
  });
});
