/**
 * JSON Schema (TypeBox) of a dashboard definition at the current schema version. It checks the
 * structure only; widget queries (checked by the query spec schema and the catalogue), filter
 * defaults (depend on the kind) and layout rules are checked in validate.ts. Unknown keys are
 * rejected everywhere: one spelling per field.
 */
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import { WIDGET_TYPES } from '../widget/registry.ts';
import { DASHBOARD_FILTER_KINDS, DASHBOARD_SCHEMA_VERSION, GRID_COLUMNS } from './types.ts';

/** Ids of widgets and filters: short, URL-safe (they appear in links and cross-filters). */
export const DASHBOARD_ITEM_ID = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

const int = (minimum: number, maximum: number) => Type.Integer({ minimum, maximum });

export const widgetDefinitionSchema = Type.Object(
  {
    id: DASHBOARD_ITEM_ID,
    type: Type.Enum(WIDGET_TYPES),
    title: Type.String({ maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    // Checked by the query spec schema and the catalogue (null for text widgets).
    query: Type.Unknown(),
    options: Type.Record(Type.String(), Type.Unknown()),
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
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.String({ maxLength: 5000 }),
    widgets: Type.Array(widgetDefinitionSchema, { maxItems: 100 }),
    layout: Type.Array(layoutItemSchema, { maxItems: 100 }),
    filters: Type.Array(dashboardFilterSchema, { maxItems: 20 }),
  },
  { additionalProperties: false },
);

/** Compiled once at module load. */
export const dashboardDefinitionValidator = Compile(dashboardDefinitionSchema);
