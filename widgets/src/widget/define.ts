/**
 * One widget type = one definition, exported by `widgets/src/<type>/index.ts`: everything the
 * rest of the code knows about the type (pickers, explorer form, option resolving, dashboard
 * validation, query shaping, gallery, renderer) comes from it. The registry is the list of them.
 */
import type { ComponentType } from 'react';
import type { TObject } from 'typebox';
import type { QuerySpec } from '../spec/types.ts';
import type { ResolvedOptions } from './options.ts';
import type { QueryShape, RendererProps } from './types.ts';

export interface WidgetTypeDefinition<Type extends string = string, Options extends TObject = TObject> {
  readonly type: Type;
  /** French name in pickers (« Barres », « Carte »…). */
  readonly label: string;
  /** One French sentence: what the type shows and when to pick it. */
  readonly description: string;
  /** DSFR icon class (`fr-icon-…`) for palettes. */
  readonly icon: `fr-icon-${string}`;
  /**
   * Smallest dashboard cell where the widget reads whole (grid of 12 columns, rows of 60 px): the
   * editor never makes it smaller, and the e2e checks nothing overflows a cell of this size.
   */
  readonly minSize: { readonly w: number; readonly h: number };
  /** The type's options: defaults, French titles, ranges, allowed values (see widget/options.ts). */
  readonly options: Options;
  /** Whether this type can show a query of this shape (measures, dimensions and their types). */
  fits(shape: QueryShape): boolean;
  /**
   * The query this type sends for a widget's query (table: page size and totals; pivot:
   * subtotals and row order). Absent: the query as it is.
   */
  query?(query: QuerySpec, options: ResolvedOptions<Options>): QuerySpec;
  /** Code-split renderer: a type's code (and its ECharts or MapLibre parts) loads when used. */
  load(): Promise<{ default: ComponentType<RendererProps> }>;
}

/** Declares a widget type (the identity, typed: `type` stays a literal, options keep their schema). */
export function defineWidget<const Type extends string, Options extends TObject>(
  definition: WidgetTypeDefinition<Type, Options>,
): WidgetTypeDefinition<Type, Options> {
  return definition;
}
