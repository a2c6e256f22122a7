import { type CSSProperties, Suspense, useEffect, useMemo } from 'react';
import { DSFR_GREY, DSFR_PALETTE } from '../echarts/palette.ts';
import { preloadable } from '../react/preloadable.tsx';
import type { RendererProps } from '../widget/types.ts';
import { type KpiLayout, kpiLayout } from './layout.ts';
import { type KpiModel, kpiModel } from './toOption.ts';

/** The trend line's chunk (ECharts): loaded only for a KPI with a year dimension. */
const sparkline = preloadable(() => import('./Sparkline.tsx'));
export const preloadSparkline = sparkline.preload;
const Sparkline = sparkline.Component;

const ARROWS = { up: '▲', down: '▼', stable: '●' } as const;

const VALUE_STYLE: CSSProperties = {
  fontSize: '2.5rem',
  lineHeight: '3rem',
  fontWeight: 700,
  color: DSFR_PALETTE[0],
  margin: 0,
};

/** `kpi` widget: one big French-formatted figure, its change versus the previous year, a sparkline. */
export default function KpiRenderer({ widget, result, height, registerExportable }: RendererProps) {
  const model = useMemo(() => (result ? kpiModel(widget, result) : null), [widget, result]);
  if (!model) return null;
  // What fits the frame's room (all of it where the height follows the content).
  const layout = kpiLayout(model, widget.title, height);
  const shown = (state: KpiLayout[keyof KpiLayout]) => (state === 'hidden' ? 'fr-sr-only' : '');
  return (
    <div data-testid="kpi">
      {layout.label !== 'absent' && (
        <p className={`fr-text--sm fr-mb-1v ${shown(layout.label)}`} style={{ color: DSFR_GREY.mention }}>
          {model.period ? `${model.label} en ${model.period}` : model.label}
        </p>
      )}
      <p style={VALUE_STYLE} data-testid="kpi-value">
        {model.valueText}
      </p>
      {layout.exact !== 'absent' && (
        <p className={`fr-text--sm fr-mb-1v ${shown(layout.exact)}`} data-testid="kpi-exact">
          soit {model.exactText}
        </p>
      )}
      {model.comparison && (
        <p className={`fr-text--sm fr-mb-1v ${shown(layout.comparison)}`} data-testid="kpi-comparison">
          <span aria-hidden="true" style={{ marginRight: '0.25rem' }}>
            {ARROWS[model.comparison.direction]}
          </span>
          {model.comparison.text}
        </p>
      )}
      {model.others.length > 0 && (
        <ul
          className={`fr-text--sm fr-mb-1v ${shown(layout.others)}`}
          style={{ listStyle: 'none', paddingLeft: 0 }}
        >
          {model.others.map((other) => (
            <li key={other.label}>
              {other.label} : <strong>{other.text}</strong>
            </li>
          ))}
        </ul>
      )}
      {model.trend ? (
        <Suspense fallback={<div style={{ height: layout.sparkline }} />}>
          <Sparkline
            // Drawn anew when it gets room again (its chart is created with its element).
            key={layout.sparkline > 0 ? 'drawn' : 'hidden'}
            widget={widget}
            model={model}
            height={layout.sparkline}
            registerExportable={registerExportable}
          />
        </Suspense>
      ) : (
        <PictureWithoutSparkline model={model} registerExportable={registerExportable} />
      )}
    </div>
  );
}

/** A KPI without trend line: its picture is its figures (drawn without loading ECharts). */
function PictureWithoutSparkline({
  model,
  registerExportable,
}: Pick<RendererProps, 'registerExportable'> & { model: KpiModel }) {
  useEffect(() => {
    if (!registerExportable) return;
    registerExportable({
      picture: async () => (await import('./picture.ts')).kpiPicture(model, null),
    });
    return () => registerExportable(null);
  }, [registerExportable, model]);
  return null;
}
