/**
 * `#rendered-options` in the embed bundle (see renderedOptions.ts): an embed's widgets come from
 * `GET /api/embed/resource`, whose options the server already resolved against the schemas
 * (server/src/sharing/granted.ts), so they are drawn as they are — no schema, no TypeBox.
 */
import type { renderedOptions as resolving } from './renderedOptions.ts';

export const renderedOptions: typeof resolving = (widget) => widget.options;
