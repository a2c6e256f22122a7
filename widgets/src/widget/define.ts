/**
 * One widget type = one definition, exported by `widgets/src/<type>/index.ts`: everything the
 * rest of the code knows about the type (pickers, explorer form, option resolving, dashboard
 * validation, query shaping, gallery, renderer) comes from it. The registry is the list of them.
 *
 * Drawing a widget needs only part of it, its rendering (`<type>/rendering.ts`: query shaping and
 * renderer), which reads options already resolved and so never imports the options schema: the
 * embed bundle ships renderings without the schemas and TypeBox (see widget/renderings.ts).
 */
import type { ComponentType } from 'react';
import type { TObject } from 'typebox';
import type { QuerySpec } from '../spec/types.ts';
import type { ResolvedOptions } from './options.ts';
import type { TypePicture } from './picture.ts';
import type { QueryShape, RendererProps } from './types.ts';

/** What drawing a widget of a type needs: no options schema, options arrive resolved. */
export interface WidgetRendering<Type extends string = string, Options = never> {
  readonly type: Type;
  /**
   * The query this type sends for a widget's query (table: page size and totals; pivot:
   * subtotals and row order), given the widget's resolved options. Absent: the query as it is.
   */
  query?(query: QuerySpec, options: Options): QuerySpec;
  /** Code-split renderer: a type's code (and its ECharts or MapLibre parts) loads when used. */
  load(): Promise<{ default: ComponentType<RendererProps> }>;
}

/** Declares a type's rendering (the identity, typed: `type` stays a literal). */
export function defineRendering<const Type extends string, Options = never>(
  rendering: WidgetRendering<Type, Options>,
): WidgetRendering<Type, Options> {
  return rendering;
}

export interface WidgetTypeDefinition<Type extends string = string, Options extends TObject = TObject>
  extends WidgetRendering<Type, ResolvedOptions<Options>> {
  /** French name in pickers, in an agent's words (« Barres », « Carte »; no « treemap »). */
  readonly label: string;
  /**
   * One short French sentence, in plain words: what the type is for (« Montants par territoire,
   * en couleurs. »). The type chooser shows it under the name; the gallery beside the example.
   */
  readonly description: string;
  /** A small drawing of the type for the chooser (see picture.ts). */
  readonly picture: TypePicture;
  /**
   * Smallest dashboard cell where the widget reads whole (grid of 12 columns, rows of 60 px): the
   * editor never makes it smaller, and the e2e checks nothing overflows a cell of this size.
   */
  readonly minSize: { readonly w: number; readonly h: number };
  /** The type's options: defaults, French titles, ranges, allowed values (see widget/options.ts). */
  readonly options: Options;
  /** Whether this type can show a query of this shape (measures, dimensions and their types). */
  fits(shape: QueryShape): boolean;
}

/**
 * Declares a widget type (the identity, typed: `type` stays a literal, options keep their schema),
 * usually as `{ ...barRendering, label, …, options: barOptions }`.
 */
export function defineWidget<const Type extends string, Options extends TObject>(
  definition: WidgetTypeDefinition<Type, Options>,
): WidgetTypeDefinition<Type, Options> {
  return definition;
}
