import { beforeAll, describe, expect, it } from 'vitest';
import { GeoReference } from '../../seed/geo-reference.ts';
import { GrantPlacer } from './place.ts';

/** Where a grant lands, from what its line and the warehouse know (COG 2026 for the rest). */

let placer: GrantPlacer;
beforeAll(() => {
  const geo = GeoReference.load();
  // A beneficiary met in Chorus imports in Rennes; one met in politique de la ville posts in 29.
  placer = new GrantPlacer(geo, new Map([['82815371800014', '35238']]), new Map([['49972556200023', '29']]));
});

describe('GrantPlacer', () => {
  it('places a known SIRET at its commune, then EPCI, département and région from COG', () => {
    expect(placer.place('82815371800014')).toEqual({
      commune: '35238',
      epci: '243500139',
      departement: '35',
      region: '53',
      level: 'commune',
    });
  });

  it('ignores a commune the file’s département contradicts, and keeps that département', () => {
    expect(placer.place('82815371800014', { departement: '044' })).toEqual({
      commune: null,
      epci: null,
      departement: '44',
      region: '52',
      level: 'departement',
    });
  });

  it('recognises an EPCI by its SIREN', () => {
    expect(placer.place('24350013900189')).toEqual({
      commune: null,
      epci: '243500139',
      departement: '35',
      region: '53',
      level: 'epci',
    });
  });

  it('falls back to the posts’ département, then to the région the file names, else nothing', () => {
    expect(placer.place('49972556200023')).toMatchObject({
      departement: '29',
      region: '53',
      level: 'departement',
    });
    expect(placer.place('50537107000036', { regions: 'Pays de la Loire' })).toEqual({
      commune: null,
      epci: null,
      departement: null,
      region: '52',
      level: 'region',
    });
    // Several régions named: none is chosen.
    expect(placer.place(null, { regions: 'Bretagne, Normandie' }).level).toBeNull();
    expect(placer.place('50537107000036').level).toBeNull();
  });

  it('reads `localisation_geo` codes: 044, 2A, 971', () => {
    expect(placer.departementOf('044')?.code).toBe('44');
    expect(placer.departementOf('2A')?.code).toBe('2A');
    expect(placer.departementOf('971')?.code).toBe('971');
    expect(placer.departementOf('999')).toBeUndefined();
  });
});
