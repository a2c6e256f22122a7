/**
 * JSON Schema (TypeBox) of a dashboard definition at the current schema version. It checks the
 * structure only; widget queries (checked by the query spec schema and the catalogue), filter
 * defaults (depend on the kind) and layout rules are checked in validate.ts. Unknown keys are
 * rejected everywhere: one spelling per field.
 */
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import { ARRAY_LIMITS, JSON_LIMITS, TEXT_LIMITS } from '../spec/limits.ts';
import { IDENTIFIER_PATTERN } from '../validation/reason.ts';
import { WIDGET_TYPES } from '../widget/registry.ts';
import { DASHBOARD_FILTER_KINDS, DASHBOARD_SCHEMA_VERSION, GRID_COLUMNS } from './types.ts';

/** Ids of widgets and filters: short, URL-safe (they appear in links and cross-filters). */
export const DASHBOARD_ITEM_ID = Type.String({ minLength: 1, maxLength: 64, pattern: IDENTIFIER_PATTERN });

const int = (minimum: number, maximum: number) => Type.Integer({ minimum, maximum });

export const widgetDefinitionSchema = Type.Object(
  {
    id: DASHBOARD_ITEM_ID,
    type: Type.Enum(WIDGET_TYPES),
    title: Type.String({ maxLength: TEXT_LIMITS.title }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    // Checked by the query spec schema and the catalogue (null for text widgets).
    query: Type.Unknown(),
    // Free-form per type: depth, size and texts are bounded by OPTIONS_LIMITS in validate.ts.
    options: Type.Record(Type.String({ maxLength: JSON_LIMITS.maxKeyLength }), Type.Unknown()),
  },
  { additionalProperties: false },
);

export const layoutItemSchema = Type.Object(
  {
    i: DASHBOARD_ITEM_ID,
    x: int(0, GRID_COLUMNS - 1),
    y: int(0, 10_000),
    w: int(1, GRID_COLUMNS),
    h: int(1, 200),
  },
  { additionalProperties: false },
);

export const dashboardFilterSchema = Type.Object(
  {
    id: DASHBOARD_ITEM_ID,
    kind: Type.Enum(DASHBOARD_FILTER_KINDS),
    label: Type.String({ minLength: 1, maxLength: 100 }),
    // Its shape depends on the kind: checked in validate.ts.
    default: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);

export const dashboardDefinitionSchema = Type.Object(
  {
    schemaVersion: Type.Literal(DASHBOARD_SCHEMA_VERSION),
    title: Type.String({ minLength: 1, maxLength: TEXT_LIMITS.title }),
    description: Type.String({ maxLength: TEXT_LIMITS.description }),
    widgets: Type.Array(widgetDefinitionSchema, { maxItems: ARRAY_LIMITS.widgets }),
    layout: Type.Array(layoutItemSchema, { maxItems: ARRAY_LIMITS.widgets }),
    filters: Type.Array(dashboardFilterSchema, { maxItems: ARRAY_LIMITS.dashboardFilters }),
  },
  { additionalProperties: false },
);

/** Compiled once at module load. */
export const dashboardDefinitionValidator = Compile(dashboardDefinitionSchema);
