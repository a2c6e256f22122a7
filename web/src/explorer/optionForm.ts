/**
 * The explorer's options form, generated from a widget type's options schema (its `spec.ts` in
 * the widgets package): labels from the schema titles, hints from the descriptions, inputs from
 * the types, allowed values and ranges, defaults from the schema. An option without a title, or
 * of a shape the form cannot edit (a list of measures, a column name, an integer without bounds),
 * is left to the JSON editor.
 */
import {
  choicesOf,
  refOf,
  WIDGET_TYPE_INFO,
  type WidgetType,
  type WidgetTypeDefinition,
} from '@dataetat/widgets/react';

interface FieldBase {
  readonly key: string;
  readonly label: string;
  /** The option's description, shown under the label. */
  readonly hint?: string;
}

export type OptionField =
  | (FieldBase & { readonly kind: 'boolean'; readonly default: boolean })
  | (FieldBase & {
      readonly kind: 'choice';
      readonly choices: readonly { readonly value: string; readonly label: string }[];
      readonly default: string;
      /** The stored value is a number (`pageSize`), the choices being its text. */
      readonly numeric: boolean;
    })
  | (FieldBase & {
      readonly kind: 'integer';
      readonly min: number;
      readonly max: number;
      readonly default: number;
    })
  /** Any number (a gauge's target); empty = the default, or unset when there is none. */
  | (FieldBase & { readonly kind: 'number'; readonly default?: number })
  /** One of the query's measures (`measure` of pie, treemap, sankey…); empty = the first. */
  | (FieldBase & { readonly kind: 'measure' })
  /** Dimensions of the query laid out as columns (`columns` of pivot): one chosen here. */
  | (FieldBase & { readonly kind: 'dimension-list' });

type OptionsSchema = WidgetTypeDefinition['options'];
type SchemaNode = OptionsSchema['properties'][string] & {
  readonly type?: unknown;
  readonly title?: unknown;
  readonly description?: unknown;
  readonly default?: unknown;
  readonly minimum?: unknown;
  readonly maximum?: unknown;
};

/** The form field of one option, or null when the form does not edit it. */
function fieldOf(key: string, property: SchemaNode): OptionField | null {
  if (typeof property.title !== 'string') return null;
  const base: FieldBase = {
    key,
    label: property.title,
    ...(typeof property.description === 'string' ? { hint: property.description } : {}),
  };
  const choices = choicesOf(property);
  if (choices && property.default !== undefined) {
    return {
      ...base,
      kind: 'choice',
      choices: choices.map((c) => ({ value: String(c.value), label: c.title ?? String(c.value) })),
      default: String(property.default),
      numeric: choices.every((c) => typeof c.value === 'number'),
    };
  }
  const ref = refOf(property);
  if (property.type === 'string' && ref === 'measure') return { ...base, kind: 'measure' };
  if (property.type === 'array' && ref === 'dimension') return { ...base, kind: 'dimension-list' };
  if (property.type === 'boolean' && typeof property.default === 'boolean') {
    return { ...base, kind: 'boolean', default: property.default };
  }
  const { minimum, maximum, default: value } = property;
  if (
    property.type === 'integer' &&
    typeof minimum === 'number' &&
    typeof maximum === 'number' &&
    typeof value === 'number'
  ) {
    return { ...base, kind: 'integer', min: minimum, max: maximum, default: value };
  }
  if (property.type === 'number' && minimum === undefined && maximum === undefined) {
    return { ...base, kind: 'number', ...(typeof value === 'number' ? { default: value } : {}) };
  }
  return null;
}

/** The form fields of an options schema, in the schema's order. */
export function optionFields(schema: OptionsSchema): readonly OptionField[] {
  return Object.entries(schema.properties)
    .map(([key, property]) => fieldOf(key, property as SchemaNode))
    .filter((field): field is OptionField => field !== null);
}

const byType = new Map<WidgetType, readonly OptionField[]>();

/** The options form of a widget type (computed once per type). */
export function optionFieldsFor(type: WidgetType): readonly OptionField[] {
  let fields = byType.get(type);
  if (!fields) {
    fields = optionFields(WIDGET_TYPE_INFO[type].options);
    byType.set(type, fields);
  }
  return fields;
}
