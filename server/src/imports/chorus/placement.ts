import { createRequire } from 'node:module';
import type { Commune, GeoReference, Placement } from '../../seed/geo-reference.ts';
import type { Warehouse } from '../../warehouse/types.ts';
import { type CentreCouts, type Localisation, readCentres, readImportedReferentials } from './centres.ts';

/**
 * Where an imported Chorus line lands, with what is available offline:
 * 1. région: the line's own (national layouts, « Société ») or the one the administrator names
 *    for a regional report;
 * 2. commune: from the localisation interministérielle — its département and town in the
 *    imported referential (`LOC_INTERMIN`, `ref_localisations`), else the code itself when it
 *    spells one (`N` + région + département + commune: `N5244215` → 44215) — else from the
 *    centre de coûts' postcode and town (the imported `centre_cout.xlsx`, `ref_centres_couts_lieux`;
 *    the seed pack's until one is imported), old codes through COG `anciensCodes`; else the
 *    centre's département in the imported Calculette;
 * 3. EPCI, département, région from COG 2026.
 * A place that contradicts the line's région is not used. A line that cannot be placed at
 * commune level keeps the finest level known (département, région, or nothing) and is counted
 * as unplaced: never dropped.
 */

export type PlacementLevel = 'commune' | 'departement' | 'region' | null;

export interface ChorusPlacement extends Placement {
  readonly level: PlacementLevel;
}

const require = createRequire(import.meta.url);

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  codesPostaux?: string[];
}

/** Upper case, no accents, `ST` → `SAINT`, punctuation as spaces: « St-Malo » = « SAINT MALO ». */
export function foldTown(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .replace(/\bSTE\b/g, 'SAINTE')
    .replace(/\bST\b/g, 'SAINT')
    .trim();
}

/** Département of a postcode: 97x on three digits, Corsica by range, else two digits. */
function postcodeDepartement(postcode: string): string {
  if (postcode.startsWith('97')) return postcode.slice(0, 3);
  if (postcode.startsWith('20')) return Number(postcode) < 20200 ? '2A' : '2B';
  return postcode.slice(0, 2);
}

interface Decoded {
  readonly region: string;
  readonly departement: string | null;
  readonly commune: string | null;
}

export class ChorusPlacer {
  private readonly byPostcode = new Map<string, string[]>();
  private readonly byTown = new Map<string, string>();
  private readonly cache = new Map<string, ChorusPlacement>();

  constructor(
    private readonly geo: GeoReference,
    private readonly centres: ReadonlyMap<string, CentreCouts>,
    private readonly localisations: ReadonlyMap<string, Localisation> = new Map(),
    private readonly centreDepartements: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const c of require('@etalab/decoupage-administratif/data/communes.json') as RawCommune[]) {
      if (c.type !== 'commune-actuelle' || !c.departement) continue;
      for (const postcode of c.codesPostaux ?? []) {
        const list = this.byPostcode.get(postcode) ?? [];
        list.push(c.code);
        this.byPostcode.set(postcode, list);
      }
      this.byTown.set(`${c.departement}|${foldTown(c.nom)}`, c.code);
    }
  }

  /**
   * With the referentials imported into `warehouse` when there are; the seed pack's centres de
   * coûts file until one is.
   */
  static async open(seedDir: string | null, geo: GeoReference, warehouse?: Warehouse): Promise<ChorusPlacer> {
    const imported = warehouse ? await readImportedReferentials(warehouse) : null;
    const centres = imported?.centres ?? (seedDir ? await readCentres(seedDir) : new Map());
    return new ChorusPlacer(geo, centres, imported?.localisations ?? new Map(), imported?.centreDepartements);
  }

  /**
   * A code of the imported referential → its département and town; else the code's own
   * spelling: `N53` → région 53; `N1175` → 11, 75; `N5244215` → 52, 44, commune 44215 (checked
   * against COG).
   */
  decodeLocalisation(code: string | null): Decoded | null {
    const listed = code ? this.localisations.get(code.trim().toUpperCase()) : undefined;
    if (listed) {
      const departement = listed.departement ? this.geo.resolveDepartement(listed.departement) : undefined;
      if (departement) {
        const town = listed.commune
          ? this.byTown.get(`${departement.code}|${foldTown(listed.commune)}`)
          : undefined;
        const commune = town ? this.geo.resolveCommune(town) : undefined;
        return { region: departement.region, departement: departement.code, commune: commune?.code ?? null };
      }
    }
    const match = code ? /^N(\d{2})([0-9AB]*)$/.exec(code.trim().toUpperCase()) : null;
    if (!match) return null;
    const region = match[1] as string;
    if (!this.geo.regions.has(region)) return null;
    const rest = match[2] as string;
    if (rest === '') return { region, departement: null, commune: null };
    const depLength = rest.startsWith('97') ? 3 : 2;
    const departement = this.geo.resolveDepartement(rest.slice(0, depLength));
    if (departement?.region !== region) return { region, departement: null, commune: null };
    const tail = rest.slice(depLength);
    const commune = tail ? this.geo.resolveCommune(`${departement.code}${tail}`) : undefined;
    return { region, departement: departement.code, commune: commune?.code ?? null };
  }

  /**
   * The commune (or département) of a centre de coûts, from its postcode and town; else its
   * département in the imported Calculette.
   */
  centrePlace(code: string | null): { commune: Commune | null; departement: string | null } | null {
    const centre = code ? this.centres.get(code) : undefined;
    if (!centre?.postcode) {
      const listed = code ? this.centreDepartements.get(code) : undefined;
      const departement = listed ? this.geo.resolveDepartement(listed) : undefined;
      return departement ? { commune: null, departement: departement.code } : null;
    }
    const town = centre.town ? foldTown(centre.town) : null;
    const candidates = (this.byPostcode.get(centre.postcode) ?? [])
      .map((c) => this.geo.resolveCommune(c))
      .filter((c): c is Commune => c !== undefined);
    if (candidates.length === 1) return { commune: candidates[0] as Commune, departement: null };
    const named = town ? candidates.find((c) => foldTown(c.nom) === town) : undefined;
    if (named) return { commune: named, departement: null };
    const departement = candidates[0]?.departement ?? postcodeDepartement(centre.postcode);
    // A postcode no commune has (75000, a CEDEX): the town within its département.
    const byName = town ? this.byTown.get(`${departement}|${town}`) : undefined;
    const commune = byName ? (this.geo.resolveCommune(byName) ?? null) : null;
    return { commune, departement: this.geo.resolveDepartement(departement)?.code ?? null };
  }

  /** Where a line goes; the same inputs give the same (cached) answer. */
  place(
    centreCouts: string | null,
    localisation: string | null,
    lineRegion: string | null,
    namedRegion: string | null,
  ): ChorusPlacement {
    const key = `${centreCouts}|${localisation}|${lineRegion}|${namedRegion}`;
    let placement = this.cache.get(key);
    if (!placement) {
      placement = this.compute(centreCouts, localisation, lineRegion, namedRegion);
      this.cache.set(key, placement);
    }
    return placement;
  }

  private compute(
    centreCouts: string | null,
    localisation: string | null,
    lineRegion: string | null,
    namedRegion: string | null,
  ): ChorusPlacement {
    const known = namedRegion ?? (lineRegion && this.geo.regions.has(lineRegion) ? lineRegion : null);
    const decoded = this.decodeLocalisation(localisation);
    const centre = this.centrePlace(centreCouts);
    const fits = (region: string | undefined) => region !== undefined && (known === null || region === known);
    const communes = [
      decoded?.commune ? this.geo.resolveCommune(decoded.commune) : undefined,
      centre?.commune ?? undefined,
    ];
    const commune = communes.find((c) => c && fits(c.region));
    if (commune) return { ...this.geo.placeCommune(commune), level: 'commune' };
    const departements = [decoded?.departement, centre?.departement]
      .map((d) => (d ? this.geo.departements.get(d) : undefined))
      .filter((d) => d !== undefined);
    const departement = departements.find((d) => fits(d.region));
    if (departement) return { ...this.geo.placeDepartement(departement), level: 'departement' };
    const region = known ?? decoded?.region ?? null;
    return { commune: null, epci: null, departement: null, region, level: region ? 'region' : null };
  }
}
