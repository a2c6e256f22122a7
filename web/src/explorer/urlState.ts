/**
 * The explorer's state in its address, so a view can be bookmarked and shared: the whole widget
 * definition as base64url-encoded UTF-8 JSON in the `w` search parameter (accents survive, no
 * escaping noise, ~4/3 of the JSON size).
 */
import type { WidgetDefinition } from '@dataetat/widgets/react';
import { checkDefinition } from './definition.ts';

export const URL_PARAM = 'w';

export function encodeWidget(widget: WidgetDefinition): string {
  const bytes = new TextEncoder().encode(JSON.stringify(widget));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The widget in a `w` parameter, or null when absent or unreadable (a truncated link…). */
export function decodeWidget(encoded: string | null, id: string): WidgetDefinition | null {
  if (!encoded) return null;
  try {
    const base64 = encoded.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const parsed = checkDefinition(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)), id);
    return parsed.ok ? parsed.widget : null;
  } catch {
    return null;
  }
}

/** The search string (`?w=…`) for a widget, keeping the other parameters of `search`. */
export function searchWith(search: string, widget: WidgetDefinition | null): string {
  const params = new URLSearchParams(search);
  if (widget?.query) params.set(URL_PARAM, encodeWidget(widget));
  else params.delete(URL_PARAM);
  const text = params.toString();
  return text ? `?${text}` : '';
}
