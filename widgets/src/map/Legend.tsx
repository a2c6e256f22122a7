import { forwardRef, useId, useState } from 'react';
import type { LegendItem } from './classify.ts';
import { NO_DATA_FILL, NO_DATA_HATCH, SYMBOL_FILL } from './colours.ts';
import type { SymbolLegendItem } from './scene.ts';

const HATCH = `repeating-linear-gradient(-45deg, ${NO_DATA_HATCH} 0 2px, ${NO_DATA_FILL} 2px 6px)`;

/**
 * The legend as an HTML list (read by screen readers, unlike the canvas): a swatch and a French
 * label per class, « Pas de données » with the hatching, or reference circles for symbols and
 * point clusters; an optional note below (« 12 projets sans coordonnées »).
 *
 * `placement`: `overlay` over the map's lower-left corner (wide cells, the view is padded so no
 * area lies under it); `below` in one wrapped row under the map (narrow cells, phones, and
 * points whose big clusters an overlay would hide). Either way a button folds it to its title.
 */
export const MapLegend = forwardRef<
  HTMLDivElement,
  {
    title: string;
    items: readonly LegendItem[];
    symbols: readonly SymbolLegendItem[];
    note?: string | null;
    placement?: 'overlay' | 'below';
  }
>(function MapLegend({ title, items, symbols, note = null, placement = 'overlay' }, ref) {
  const id = useId();
  const listId = useId();
  const [open, setOpen] = useState(true);
  if (items.length === 0 && symbols.length === 0 && !note) return null;
  const inline = placement === 'below';
  return (
    <div
      ref={ref}
      className="dataetat-map__legend"
      data-placement={placement}
      style={inline ? inlineStyle : legendStyle}
    >
      <div style={headStyle}>
        <p id={id} style={{ margin: 0, fontWeight: 700, fontSize: '.875rem' }}>
          {title}
        </p>
        <button
          type="button"
          className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline"
          style={toggleStyle}
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen((shown) => !shown)}
        >
          {open ? 'Masquer la légende' : 'Afficher la légende'}
        </button>
      </div>
      <div id={listId} hidden={!open}>
        <ul aria-labelledby={id} style={inline ? inlineListStyle : listStyle}>
          {items.map((item) => (
            <li key={item.label} style={itemStyle}>
              <span
                aria-hidden="true"
                style={{
                  ...swatchStyle,
                  background: item.kind === 'no-data' ? HATCH : item.colour,
                }}
              />
              {item.label}
            </li>
          ))}
          {symbols.map((symbol) => (
            <li key={symbol.label} style={itemStyle}>
              <span
                aria-hidden="true"
                style={{
                  width: inline ? symbol.radius * 2 + 2 : 58,
                  display: 'inline-flex',
                  justifyContent: 'center',
                }}
              >
                <span
                  style={{
                    width: symbol.radius * 2,
                    height: symbol.radius * 2,
                    borderRadius: '50%',
                    background: symbol.colour ?? SYMBOL_FILL,
                    opacity: symbol.colour ? 1 : 0.6,
                    border: symbol.colour ? `1px solid ${SYMBOL_FILL}` : undefined,
                  }}
                />
              </span>
              {symbol.label}
            </li>
          ))}
        </ul>
        {note ? (
          <p className="dataetat-map__legend-note" style={{ margin: '.25rem 0 0', fontSize: '.8125rem' }}>
            {note}
          </p>
        ) : null}
      </div>
    </div>
  );
});

const legendStyle = {
  background: 'rgba(255,255,255,.92)',
  padding: '.375rem .625rem',
  border: '1px solid #dddddd',
  maxWidth: '16rem',
} as const;
const inlineStyle = { padding: '.25rem 0 0' } as const;
const headStyle = { display: 'flex', alignItems: 'center', gap: '.5rem', marginBottom: '.125rem' } as const;
/** A small text button: the legend stays compact. */
const toggleStyle = {
  minHeight: 0,
  padding: '0 .25rem',
  fontSize: '.75rem',
  marginLeft: 'auto',
  whiteSpace: 'nowrap',
} as const;
const listStyle = { listStyle: 'none', margin: 0, padding: 0, fontSize: '.8125rem' } as const;
const inlineListStyle = {
  ...listStyle,
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'center',
  columnGap: '1.25rem',
} as const;
const itemStyle = { display: 'flex', alignItems: 'center', gap: '.5rem', margin: '.125rem 0' } as const;
const swatchStyle = { width: 18, height: 14, border: '1px solid #929292', flex: 'none' } as const;
