import { useId } from 'react';
import type { LegendItem } from './classify.ts';
import { NO_DATA_FILL, NO_DATA_HATCH, SYMBOL_FILL } from './colours.ts';
import type { SymbolLegendItem } from './scene.ts';

const HATCH = `repeating-linear-gradient(-45deg, ${NO_DATA_HATCH} 0 2px, ${NO_DATA_FILL} 2px 6px)`;

/**
 * The legend as an HTML list (read by screen readers, unlike the canvas): a swatch and a French
 * label per class, « Pas de données » with the hatching, or reference circles for symbols and
 * point clusters; an optional note below (« 12 projets sans coordonnées »).
 */
export function MapLegend({
  title,
  items,
  symbols,
  note = null,
  inline = false,
}: {
  title: string;
  items: readonly LegendItem[];
  symbols: readonly SymbolLegendItem[];
  note?: string | null;
  /** One row under the map (points: the big clusters would hide the data under an overlay). */
  inline?: boolean;
}) {
  const id = useId();
  if (items.length === 0 && symbols.length === 0 && !note) return null;
  return (
    <div className="dataetat-map__legend" style={inline ? inlineStyle : legendStyle}>
      <p id={id} style={{ margin: '0 0 .25rem', fontWeight: 700, fontSize: '.875rem' }}>
        {title}
      </p>
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
  );
}

const legendStyle = {
  background: 'rgba(255,255,255,.92)',
  padding: '.5rem .75rem',
  border: '1px solid #dddddd',
  maxWidth: '16rem',
} as const;
const inlineStyle = { padding: '.5rem 0 0' } as const;
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
