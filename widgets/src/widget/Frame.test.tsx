import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { byDotation, result, widget } from '../echarts/fixtures.ts';
import { WidgetFrame } from './Frame.tsx';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const bar = widget('bar', {}, 'Montant par dotation');
const body = () => <p>CORPS</p>;

describe('WidgetFrame', () => {
  it('shows title, body, « Voir les données » with an accessible table, exports and provenance', () => {
    const html = plain(
      renderToStaticMarkup(
        <WidgetFrame widget={bar} result={byDotation} status="success" headingLevel={3} renderBody={body} />,
      ),
    );
    expect(html).toMatch(/<h3 id="[^"]+" class="fr-h5 fr-mb-1w">Montant par dotation<\/h3>/);
    expect(html).toContain('CORPS');
    expect(html).toMatch(/aria-expanded="false" aria-controls="[^"]+">Voir les données<\/button>/);
    // The table is in the page (hidden until asked), with French figures.
    expect(html).toMatch(/<div id="[^"]+" hidden="" class="fr-mt-2w">/);
    expect(html).toContain(
      '<th scope="row">DETR</th><td style="text-align:right;white-space:nowrap">977 561 920 €</td>',
    );
    expect(html).toContain('>CSV</button>');
    expect(html).toContain('>XLSX</button>');
    // PNG appears once the renderer registers how to draw itself.
    expect(html).not.toContain('>PNG</button>');
    expect(html).toContain('Source : DGCL — données au 01/03/2024');
    expect(html).not.toContain('Données de démonstration');
  });

  it('builds the hidden table of a large result only when asked (a page with 25 000 hidden rows freezes)', () => {
    const many = result(
      byDotation.columns as never,
      Array.from({ length: 3_000 }, (_, i) => [`P${i}`, i]),
    );
    const html = renderToStaticMarkup(
      <WidgetFrame widget={bar} result={many} status="success" renderBody={body} />,
    );
    expect(html).toContain('Voir les données');
    expect(html).not.toContain('<table');
    expect(html).not.toContain('P2999');
  });

  it('keeps a loading skeleton busy, without a table', () => {
    const html = renderToStaticMarkup(
      <WidgetFrame widget={bar} result={undefined} status="loading" renderBody={body} />,
    );
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain('Chargement des données…');
    expect(html).not.toContain('CORPS');
    expect(html).not.toContain('Voir les données');
  });

  it('keeps the previous result visible while refreshing', () => {
    const html = renderToStaticMarkup(
      <WidgetFrame widget={bar} result={byDotation} status="loading" isRefreshing renderBody={body} />,
    );
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain('CORPS');
    expect(html).toContain('Mise à jour des données…');
  });

  it('explains an error in French with a retry button', () => {
    const html = renderToStaticMarkup(
      <WidgetFrame
        widget={bar}
        result={undefined}
        status="error"
        error={{ message: 'Le champ « x » n’existe pas dans le jeu « dotations ».' }}
        onRetry={() => undefined}
      />,
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain('Impossible d’afficher ces données : Le champ « x » n’existe pas');
    expect(html).toContain('>Réessayer</button>');
  });

  it('says what to do when there is no data, and flags demo and truncated results', () => {
    const empty = result([...byDotation.columns], [], true);
    const html = renderToStaticMarkup(<WidgetFrame widget={bar} result={empty} status="success" />);
    expect(html).toContain('Aucune donnée pour ces filtres. Élargissez la période ou retirez un filtre.');
    expect(html).toContain('Données de démonstration');
    expect(html).not.toContain('>CSV</button>');
    const truncated = { ...byDotation, meta: { ...byDotation.meta, truncated: true, rowCount: 1000 } };
    const cut = plain(
      renderToStaticMarkup(
        <WidgetFrame widget={bar} result={truncated} status="success" renderBody={body} />,
      ),
    );
    expect(cut).toContain(
      'Affichage des 1 000 premières lignes, dans l’ordre choisi. La liste complète est dans les données téléchargées (CSV, XLSX).',
    );
    expect(cut).not.toContain('Seules les');
  });

  it('shows a text widget without a query, table or CSV', () => {
    const text = { ...widget('text', { markdown: 'Bonjour' }, 'À propos'), query: null };
    const html = renderToStaticMarkup(<WidgetFrame widget={text} result={null} status="success" />);
    expect(html).toContain('À propos');
    expect(html).not.toContain('Voir les données');
    expect(html).not.toContain('CSV');
    expect(html).not.toContain('Source :');
  });
});
