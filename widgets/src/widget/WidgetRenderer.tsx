import { type ComponentType, type LazyExoticComponent, lazy, Suspense } from 'react';
import { WIDGET_TYPE_INFO } from './registry.ts';
import type { RendererProps, WidgetType } from './types.ts';

// One lazy component per type, created once: React.lazy must not be re-created per render.
const lazyRenderers = new Map<WidgetType, LazyExoticComponent<ComponentType<RendererProps>>>();

function rendererFor(type: WidgetType): LazyExoticComponent<ComponentType<RendererProps>> {
  let component = lazyRenderers.get(type);
  if (!component) {
    component = lazy(WIDGET_TYPE_INFO[type].load);
    lazyRenderers.set(type, component);
  }
  return component;
}

/** Placeholder while a type's code downloads, the height of the chart so the page does not jump. */
function RendererLoading({ height }: { height: number }) {
  return (
    <div style={{ height }} className="fr-text--sm" data-testid="renderer-loading">
      Chargement de la visualisation…
    </div>
  );
}

/** Shows a widget with its type's renderer, downloaded on first use (Suspense). */
export function WidgetRenderer(props: RendererProps) {
  const Renderer = rendererFor(props.widget.type);
  return (
    <Suspense fallback={<RendererLoading height={props.height ?? 320} />}>
      <Renderer {...props} />
    </Suspense>
  );
}
