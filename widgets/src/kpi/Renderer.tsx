import { type CSSProperties, Suspense, useEffect, useMemo } from 'react';
import { DSFR_GREY, DSFR_PALETTE } from '../echarts/palette.ts';
import { preloadable } from '../react/preloadable.tsx';
import type { RendererProps } from '../widget/types.ts';
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
export default function KpiRenderer({ widget, result, registerExportable }: RendererProps) {
  const model = useMemo(() => (result ? kpiModel(widget, result) : null), [widget, result]);
  if (!model) return null;
  return (
    <div data-testid="kpi" className="fr-py-1w">
      <p className="fr-text--sm fr-mb-1v" style={{ color: DSFR_GREY.mention }}>
        {model.period ? `${model.label} en ${model.period}` : model.label}
      </p>
      <p style={VALUE_STYLE} data-testid="kpi-value">
        {model.valueText}
      </p>
      {model.valueText !== model.exactText && (
        <p className="fr-text--sm fr-mb-1v" data-testid="kpi-exact">
          soit {model.exactText}
        </p>
      )}
      {model.comparison && (
        <p className="fr-text--sm fr-mb-1v" data-testid="kpi-comparison">
          <span aria-hidden="true" style={{ marginRight: '0.25rem' }}>
            {ARROWS[model.comparison.direction]}
          </span>
          {model.comparison.text}
        </p>
      )}
      {model.others.length > 0 && (
        <ul className="fr-text--sm fr-mb-1v" style={{ listStyle: 'none', paddingLeft: 0 }}>
          {model.others.map((other) => (
            <li key={other.label}>
              {other.label} : <strong>{other.text}</strong>
            </li>
          ))}
        </ul>
      )}
      {model.trend ? (
        <Suspense fallback={<div style={{ height: 64 }} />}>
          <Sparkline widget={widget} model={model} registerExportable={registerExportable} />
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
