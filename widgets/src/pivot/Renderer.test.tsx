// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { Cell, QueryResult } from '../spec/types.ts';
import { reactRootPerTest } from '../testing/reactRoot.ts';
import { contrastRatio, heatColour, PIVOT_ROW_HEIGHT, textOn } from './layout.ts';
import PivotRenderer from './Renderer.tsx';

// happy-dom lays nothing out: give elements the size a browser would (the scroller is 560 px high).
for (const [name, value] of [
  ['clientWidth', 1000],
  ['offsetWidth', 1000],
  ['clientHeight', 560],
  ['offsetHeight', 560],
] as const) {
  Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value });
}

/** 100 départements × 100 communes = 10 000 detail rows, their 100 subtotals, a grand total. */
function bigResult(): QueryResult {
  const rows: Cell[][] = [];
  for (let d = 0; d < 100; d++) {
    for (let c = 0; c < 100; c++) rows.push([`D${d}`, `C${d}-${c}`, `Commune ${d}-${c}`, d * 100 + c, 0]);
  }
  for (let d = 0; d < 100; d++) rows.push([`D${d}`, null, null, 1_000_000 + d, 1]);
  return {
    columns: [
      { id: 'departement', role: 'dimension', type: 'geo', label: 'Département' },
      { id: 'commune', role: 'dimension', type: 'geo', label: 'Commune' },
      { id: 'commune_label', role: 'label', type: 'text', labelOf: 'commune', label: 'Commune (libellé)' },
      { id: 'montant_cp', role: 'measure', type: 'number', format: 'eur', label: 'Montant payé' },
      { id: '_grouping', role: 'grouping', type: 'number', label: 'Niveau de regroupement' },
    ],
    rows,
    totals: { montant_cp: 42 },
    meta: {
      rowCount: rows.length,
      truncated: false,
      cached: false,
      engineMs: 1,
      dataVersion: 'v',
      source: 'Chorus',
      updatedAt: null,
      demo: true,
      engine: 'duckdb',
    },
  };
}

const widget = {
  id: 'p',
  type: 'pivot' as const,
  title: 'Paiements par commune',
  query: { dataset: 'chorus_lignes', measures: ['montant_cp'], dimensions: ['departement', 'commune'] },
  options: { heat: true },
};

const dom = reactRootPerTest();

describe('PivotRenderer', () => {
  it('keeps fewer than 200 rows in the DOM for 10 100 rows, and follows the scroll', async () => {
    act(() => dom.root.render(<PivotRenderer widget={widget} result={bigResult()} height={600} />));
    const bodyRows = () => dom.container.querySelectorAll('tbody tr[data-index]');
    expect(bodyRows().length).toBeGreaterThan(5);
    expect(dom.container.querySelectorAll('tr').length).toBeLessThan(200);
    const first = bodyRows()[0] as HTMLElement;
    expect(first.dataset.kind).toBe('subtotal');
    expect(first.textContent?.replace(/[\u00a0\u202f]/g, ' ')).toContain('1 000 000 €');
    expect(dom.container.querySelector('tfoot')?.textContent).toContain('42');

    const scroller = dom.container.querySelector('[data-testid="pivot-scroller"]') as HTMLElement;
    await act(async () => {
      scroller.scrollTop = 5000 * PIVOT_ROW_HEIGHT;
      scroller.dispatchEvent(new Event('scroll'));
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    const indexes = [...bodyRows()].map((r) => Number((r as HTMLElement).dataset.index));
    expect(Math.min(...indexes)).toBeGreaterThan(4900);
    expect(Math.max(...indexes)).toBeLessThan(5200);
    expect(dom.container.querySelectorAll('tr').length).toBeLessThan(200);
  });

  it('folds a group with its button', () => {
    act(() => dom.root.render(<PivotRenderer widget={widget} result={bigResult()} height={600} />));
    const button = dom.container.querySelector('tbody button[aria-expanded="true"]') as HTMLButtonElement;
    expect(button.textContent).toContain('D0');
    act(() => button.click());
    expect(dom.container.querySelector('tbody button')?.getAttribute('aria-expanded')).toBe('false');
    const second = dom.container.querySelector('tbody tr[data-index="1"]') as HTMLElement;
    expect(second.dataset.kind).toBe('subtotal');
    expect(second.textContent).toContain('D1');
  });

  it('writes every coloured cell in a colour readable on it (≥ 4,5:1)', () => {
    act(() => dom.root.render(<PivotRenderer widget={widget} result={bigResult()} height={600} />));
    const coloured = [...dom.container.querySelectorAll<HTMLElement>('tbody td')].filter(
      (td) => td.style.background !== '',
    );
    expect(coloured.length).toBeGreaterThan(5);
    const hex = (css: string) => {
      const match = /rgb\((\d+), (\d+), (\d+)\)/.exec(css);
      return match
        ? `#${match
            .slice(1)
            .map((v) => Number(v).toString(16).padStart(2, '0'))
            .join('')}`
        : css;
    };
    for (const td of coloured) {
      expect(td.style.color).not.toBe('');
      expect(contrastRatio(hex(td.style.color), hex(td.style.background))).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('textOn', () => {
  it('keeps WCAG AA contrast over the whole heat palette, and on dark backgrounds', () => {
    for (let i = 0; i <= 100; i++) {
      const background = heatColour(i, { min: 0, max: 100 }) as string;
      expect(contrastRatio(textOn(background), background), background).toBeGreaterThanOrEqual(4.5);
    }
    // The colour the issue measured: #3a3a3a on #8787f6 is 3,69:1; the chosen text is not.
    expect(contrastRatio('#3a3a3a', '#8787f6')).toBeCloseTo(3.69, 1);
    expect(contrastRatio(textOn('#8787f6'), '#8787f6')).toBeGreaterThanOrEqual(4.5);
    expect(textOn('#000091')).toBe('#ffffff');
    expect(textOn('#ffffff')).toBe('#161616');
  });
});
