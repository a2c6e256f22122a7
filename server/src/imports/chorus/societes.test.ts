import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { KNOWN_SOCIETES, regionOfSociete } from './societes.ts';

const require = createRequire(import.meta.url);
const cogRegions = new Set(
  (require('@etalab/decoupage-administratif/data/regions.json') as { code: string }[]).map((r) => r.code),
);

describe('Chorus sociétés', () => {
  it('places each known société in a région of the COG, or nationally', () => {
    expect(KNOWN_SOCIETES.length).toBeGreaterThanOrEqual(30);
    for (const code of KNOWN_SOCIETES) {
      const region = regionOfSociete(code);
      if (region !== null) expect(cogRegions, `${code} → ${region}`).toContain(region);
    }
  });

  it('maps the codes of the samples and knows what it does not know', () => {
    expect(regionOfSociete('BRET')).toBe('53');
    expect(regionOfSociete('PAYL')).toBe('52');
    expect(regionOfSociete('ADCE')).toBeNull();
    expect(regionOfSociete('DOM4')).toBe('04');
    expect(regionOfSociete('XXXX')).toBeUndefined();
    expect(regionOfSociete('toString')).toBeUndefined();
  });
});
