// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { QuerySpec } from '../spec/types.ts';
import { reactRootPerTest } from '../testing/reactRoot.ts';
import type { WidgetSelection } from '../widget/types.ts';
import { departementsResult } from './fixtures.ts';
import TableRenderer from './Renderer.tsx';
import { resolveTableOptions } from './spec.ts';

const query: QuerySpec = {
  dataset: 'chorus_lignes',
  measures: ['montant_cp', 'taux_paiement'],
  dimensions: ['departement', 'annee'],
  limit: 50,
  offset: 0,
  totals: true,
};
// As the data provider hands it: options resolved (defaults in).
const widget = {
  id: 't',
  type: 'table' as const,
  title: 'Paiements par département',
  query,
  options: resolveTableOptions({}),
};

const dom = reactRootPerTest();

describe('TableRenderer', () => {
  it('asks the next page, a sort and a page size through onQueryChange', () => {
    const asked: Pick<QuerySpec, 'offset' | 'sort' | 'limit'>[] = [];
    act(() =>
      dom.root.render(
        <TableRenderer widget={widget} result={departementsResult} onQueryChange={(p) => asked.push(p)} />,
      ),
    );
    expect(dom.container.querySelector('[data-testid="table-page-text"]')?.textContent).toBe('Lignes 1 à 2');
    const next = [...dom.container.querySelectorAll('button')].find((b) => b.textContent === 'Page suivante');
    act(() => next?.click());
    expect(asked.at(-1)).toEqual({ offset: 50, limit: 50 });
    expect(dom.container.querySelector('[data-testid="table-page-text"]')?.textContent).toBe(
      'Lignes 51 à 52',
    );

    const header = [...dom.container.querySelectorAll('thead th button')].find((b) =>
      b.textContent?.startsWith('Montant payé'),
    );
    act(() => (header as HTMLButtonElement).click());
    expect(asked.at(-1)).toEqual({ sort: [{ field: 'montant_cp', dir: 'desc' }], offset: 0 });
    expect(dom.container.querySelector('th[aria-sort="descending"]')?.textContent).toContain('Montant payé');

    const select = dom.container.querySelector('select') as HTMLSelectElement;
    act(() => {
      select.value = '100';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(asked.at(-1)).toEqual({ limit: 100, offset: 0 });
  });

  it('selects a row with a click or the Enter key, and shows the totals row', () => {
    const selected: WidgetSelection[] = [];
    act(() =>
      dom.root.render(
        <TableRenderer widget={widget} result={departementsResult} onSelect={(s) => selected.push(s)} />,
      ),
    );
    const rows = dom.container.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0]?.getAttribute('tabindex')).toBe('0');
    act(() => (rows[1] as HTMLElement).click());
    act(() => {
      rows[0]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(selected).toEqual([
      { field: 'departement', value: '29', label: 'Finistère' },
      { field: 'departement', value: '35', label: 'Ille-et-Vilaine' },
    ]);
    expect(
      dom.container.querySelector('[data-testid="table-totals"]')?.textContent?.replace(/\s/g, ' '),
    ).toContain('Total');
    // Static table (no provider): no paging buttons.
    expect([...dom.container.querySelectorAll('button')].some((b) => b.textContent === 'Page suivante')).toBe(
      false,
    );
  });

  it('hides a column from the column chooser', () => {
    act(() => dom.root.render(<TableRenderer widget={widget} result={departementsResult} />));
    expect(dom.container.querySelectorAll('thead th')).toHaveLength(4);
    const chooser = [...dom.container.querySelectorAll('button')].find((b) =>
      b.textContent?.startsWith('Colonnes'),
    );
    expect(chooser?.getAttribute('aria-expanded')).toBe('false');
    act(() => chooser?.click());
    expect(chooser?.getAttribute('aria-expanded')).toBe('true');
    const box = [...dom.container.querySelectorAll('label')].find((l) => l.textContent === 'Année')
      ?.previousElementSibling as HTMLInputElement;
    act(() => box.click());
    expect([...dom.container.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'Département',
      'Montant payé (CP)',
      'Taux de paiement',
    ]);
  });
});
