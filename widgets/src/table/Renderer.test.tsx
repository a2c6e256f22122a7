// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuerySpec } from '../spec/types.ts';
import type { WidgetSelection } from '../widget/types.ts';
import { departementsResult } from './fixtures.ts';
import TableRenderer from './Renderer.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const query: QuerySpec = {
  dataset: 'chorus_lignes',
  measures: ['montant_cp', 'taux_paiement'],
  dimensions: ['departement', 'annee'],
  limit: 50,
  offset: 0,
  totals: true,
};
const widget = { id: 't', type: 'table' as const, title: 'Paiements par département', query, options: {} };

let container: HTMLElement;
let root: Root;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('TableRenderer', () => {
  it('asks the next page, a sort and a page size through onQueryChange', () => {
    const asked: Pick<QuerySpec, 'offset' | 'sort' | 'limit'>[] = [];
    act(() =>
      root.render(
        <TableRenderer widget={widget} result={departementsResult} onQueryChange={(p) => asked.push(p)} />,
      ),
    );
    expect(container.querySelector('[data-testid="table-page-text"]')?.textContent).toBe('Lignes 1 à 2');
    const next = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Page suivante');
    act(() => next?.click());
    expect(asked.at(-1)).toEqual({ offset: 50, limit: 50 });
    expect(container.querySelector('[data-testid="table-page-text"]')?.textContent).toBe('Lignes 51 à 52');

    const header = [...container.querySelectorAll('thead th button')].find((b) =>
      b.textContent?.startsWith('Montant payé'),
    );
    act(() => (header as HTMLButtonElement).click());
    expect(asked.at(-1)).toEqual({ sort: [{ field: 'montant_cp', dir: 'desc' }], offset: 0 });
    expect(container.querySelector('th[aria-sort="descending"]')?.textContent).toContain('Montant payé');

    const select = container.querySelector('select') as HTMLSelectElement;
    act(() => {
      select.value = '100';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(asked.at(-1)).toEqual({ limit: 100, offset: 0 });
  });

  it('selects a row with a click or the Enter key, and shows the totals row', () => {
    const selected: WidgetSelection[] = [];
    act(() =>
      root.render(
        <TableRenderer widget={widget} result={departementsResult} onSelect={(s) => selected.push(s)} />,
      ),
    );
    const rows = container.querySelectorAll('tbody tr');
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
      container.querySelector('[data-testid="table-totals"]')?.textContent?.replace(/\s/g, ' '),
    ).toContain('Total');
    // Static table (no provider): no paging buttons.
    expect([...container.querySelectorAll('button')].some((b) => b.textContent === 'Page suivante')).toBe(
      false,
    );
  });

  it('hides a column from the column chooser', () => {
    act(() => root.render(<TableRenderer widget={widget} result={departementsResult} />));
    expect(container.querySelectorAll('thead th')).toHaveLength(4);
    const chooser = [...container.querySelectorAll('button')].find((b) =>
      b.textContent?.startsWith('Colonnes'),
    );
    expect(chooser?.getAttribute('aria-expanded')).toBe('false');
    act(() => chooser?.click());
    expect(chooser?.getAttribute('aria-expanded')).toBe('true');
    const box = [...container.querySelectorAll('label')].find((l) => l.textContent === 'Année')
      ?.previousElementSibling as HTMLInputElement;
    act(() => box.click());
    expect([...container.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'Département',
      'Montant payé (CP)',
      'Taux de paiement',
    ]);
  });
});
