import type { DashboardDatasetInfo, DashboardDefinition } from '@dataetat/widgets';
import { WIDGET_TYPE_INFO, type WidgetSelection, type WidgetType } from '@dataetat/widgets/react';
import { type KeyboardEvent, useId, useMemo } from 'react';
import ReactGridLayout, { type Layout, useContainerWidth } from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import { DashboardWidget } from './DashboardWidget.tsx';
import { GRID_GAP, ROW_HEIGHT, visualHeight } from './gridMetrics.ts';
import { GRID_COLUMNS, type GridItem, MIN_HEIGHT, MIN_WIDTH, moveItem, resizeItem } from './layoutMoves.ts';
import type { ViewState } from './viewState.ts';

export interface EditorGridProps {
  readonly definition: DashboardDefinition;
  readonly view: ViewState;
  readonly catalogue: readonly DashboardDatasetInfo[];
  readonly fieldLabel: (field: string) => string;
  readonly onSelect: (widgetId: string, selection: WidgetSelection) => void;
  /** A new layout from the mouse or the keyboard (the editor records it for undo). */
  readonly onLayout: (layout: readonly GridItem[]) => void;
  /** What to read out after a keyboard move (aria-live). */
  readonly announce: (message: string) => void;
  readonly onEdit: (widgetId: string) => void;
  readonly onDuplicate: (widgetId: string) => void;
  readonly onRemove: (widgetId: string) => void;
}

const ARROWS: Record<string, [-1 | 0 | 1, -1 | 0 | 1]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** The smallest cell a widget of this type reads whole in (its definition's `minSize`). */
function minSizeOf(type: WidgetType | undefined): { w: number; h: number } {
  const min = type ? WIDGET_TYPE_INFO[type].minSize : undefined;
  return { w: Math.max(MIN_WIDTH, min?.w ?? 0), h: Math.max(MIN_HEIGHT, min?.h ?? 0) };
}

const position = (item: GridItem) => `colonne ${item.x + 1}, ligne ${item.y + 1}`;
const size = (item: GridItem) =>
  `${item.w} colonne${item.w > 1 ? 's' : ''} de large, ${item.h} lignes de haut`;

/**
 * The editing grid (react-grid-layout, 12 columns): widgets are moved by their handle and resized
 * by their corner with the mouse; with the keyboard, a focused widget moves with the arrows and
 * resizes with Maj + arrows, each step read out to screen readers.
 */
export function EditorGrid(props: EditorGridProps) {
  const { definition } = props;
  const { width, containerRef, mounted } = useContainerWidth();
  const helpId = useId();
  const layout = definition.layout;
  // The mouse cannot make a widget smaller than the keyboard can.
  const gridLayout = useMemo(
    () =>
      layout.map((it) => {
        const min = minSizeOf(definition.widgets.find((w) => w.id === it.i)?.type);
        return { ...it, minW: min.w, minH: min.h };
      }) as Layout,
    [layout, definition.widgets],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, id: string) => {
    // Only the widget box itself: arrows inside a table or a select keep their own meaning.
    if (event.target !== event.currentTarget) return;
    const step = ARROWS[event.key];
    if (!step || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    const widget = definition.widgets.find((w) => w.id === id);
    const name = `Widget « ${widget?.title || 'Sans titre'} »`;
    if (event.shiftKey) {
      const result = resizeItem(layout, id, step[0], step[1], GRID_COLUMNS, minSizeOf(widget?.type));
      if (!result.changed) return props.announce(`${name} : taille limite atteinte (${size(result.item)}).`);
      props.onLayout(result.layout);
      props.announce(`${name} redimensionné : ${size(result.item)}.`);
    } else {
      const result = moveItem(layout, id, step[0], step[1]);
      if (!result.changed)
        return props.announce(`${name} ne peut pas aller plus loin (${position(result.item)}).`);
      props.onLayout(result.layout);
      props.announce(`${name} déplacé en ${position(result.item)}.`);
    }
  };

  return (
    <div ref={containerRef} className="dashboard-editor-grid" data-testid="editor-grid">
      <p id={helpId} className="fr-sr-only">
        Flèches : déplacer la visualisation. Majuscule + flèches : la redimensionner.
      </p>
      {mounted && (
        <ReactGridLayout
          width={width}
          layout={gridLayout}
          gridConfig={{
            cols: GRID_COLUMNS,
            rowHeight: ROW_HEIGHT,
            margin: [GRID_GAP, GRID_GAP],
            containerPadding: [0, 0],
          }}
          dragConfig={{ enabled: true, handle: '.dashboard-cell__handle', bounded: true }}
          resizeConfig={{ enabled: true, handles: ['se'] }}
          onDragStop={(next) => props.onLayout(next)}
          onResizeStop={(next) => props.onLayout(next)}
        >
          {layout.map((item) => {
            const widget = definition.widgets.find((w) => w.id === item.i);
            const title = widget?.title || 'Sans titre';
            // The box is the keyboard handle: focus it, then arrows. A <div> (react-grid-layout
            // positions its direct children), named as a group for screen readers.
            return (
              // biome-ignore lint/a11y/useSemanticElements: react-grid-layout needs a plain div child
              <div
                key={item.i}
                className="dashboard-cell"
                // biome-ignore lint/a11y/noNoninteractiveTabindex: a focusable group moved with the arrows
                tabIndex={0}
                role="group"
                aria-label={`${title} — ${position(item)}, ${size(item)}`}
                aria-describedby={helpId}
                data-testid={`cell-${item.i}`}
                onKeyDown={(e) => onKeyDown(e, item.i)}
              >
                <div className="dashboard-cell__toolbar">
                  <span
                    className="dashboard-cell__handle fr-icon-drag-move-2-line"
                    aria-hidden="true"
                    title="Glisser pour déplacer"
                  />
                  <button
                    type="button"
                    className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline fr-icon-edit-line"
                    title={`Modifier « ${title} »`}
                    onClick={() => props.onEdit(item.i)}
                  >
                    Modifier « {title} »
                  </button>
                  <button
                    type="button"
                    className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline fr-icon-file-add-line"
                    title={`Dupliquer « ${title} »`}
                    onClick={() => props.onDuplicate(item.i)}
                  >
                    Dupliquer « {title} »
                  </button>
                  <button
                    type="button"
                    className="fr-btn fr-btn--sm fr-btn--tertiary-no-outline fr-icon-delete-line"
                    title={`Retirer « ${title} »`}
                    onClick={() => props.onRemove(item.i)}
                  >
                    Retirer « {title} »
                  </button>
                </div>
                {widget && (
                  <DashboardWidget
                    widget={widget}
                    view={props.view}
                    filters={definition.filters}
                    catalogue={props.catalogue}
                    height={visualHeight(widget.type, item.h) - 8}
                    fill
                    fieldLabel={props.fieldLabel}
                    onSelect={props.onSelect}
                  />
                )}
              </div>
            );
          })}
        </ReactGridLayout>
      )}
    </div>
  );
}
