import { aifeAe } from './aife-ae.ts';
import { aifeCp } from './aife-cp.ts';
import { infBud53Ae } from './inf-bud-53-ae.ts';
import { infBud53Cp } from './inf-bud-53-cp.ts';
import { nationEj } from './nation-ej.ts';
import type { LayoutDefinition } from './types.ts';

export type { AeLayout, ColumnRef, CpLayout, LayoutDefinition } from './types.ts';

/** Every layout the reader recognises. */
export const LAYOUTS: readonly LayoutDefinition[] = [infBud53Ae, infBud53Cp, aifeAe, aifeCp, nationEj];
