/**
 * The options a widget is drawn with: its stored options resolved against its type's schema
 * (`resolveWidgetOptions`). The data provider (`useWidgetData`) imports this module as
 * `#rendered-options`; the embed bundle takes renderedOptions.embed.ts instead (package.json
 * `imports`, condition `dataetat-embed`), which leaves the schemas and TypeBox out of it.
 */
export { resolveWidgetOptions as renderedOptions } from './registry.ts';
