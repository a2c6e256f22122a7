/**
 * Where a grant lands. The files name their beneficiary (SIRET), rarely its place, so:
 * 1. commune: the beneficiary's commune when the warehouse already knows it from real data —
 *    imported Chorus lines (same SIRET, one commune) — checked against the département the file
 *    gives, if any;
 * 2. EPCI: a SIRET whose SIREN is an EPCI's (COG: an EPCI's code is its SIREN);
 * 3. département: the file's (France 2030 `localisation_geo`, `044` = 44), else the one the
 *    beneficiary's posts give (politique de la ville, same SIRET);
 * 4. région: the file's région name, when it names exactly one.
 * EPCI, département and région follow from the commune through COG 2026. A line that cannot be
 * placed at commune level keeps the finest level known and is counted as unplaced, never dropped.
 */
import { CHORUS_IMPORT_TABLE } from '../../chorus/tables.ts';
import type { GeoReference, Placement } from '../../seed/geo-reference.ts';
import type { Warehouse } from '../../warehouse/types.ts';
import { headerKey } from './layouts.ts';

export type GrantPlacementLevel = 'commune' | 'epci' | 'departement' | 'region' | null;

export interface GrantPlacement extends Placement {
  readonly level: GrantPlacementLevel;
}

/** What a line says about its place besides its beneficiary. */
export interface PlaceHints {
  readonly departement?: string | null;
  readonly regions?: string | null;
}

export const POLITIQUE_VILLE_TABLE = 'politique_ville_postes';

export class GrantPlacer {
  private readonly regionByName = new Map<string, string>();
  /** EPCI → the département and région of its most populous commune. */
  private readonly epciSeat = new Map<string, { departement: string; region: string; population: number }>();

  constructor(
    private readonly geo: GeoReference,
    /** SIRET → commune code, from real data already in the warehouse. */
    private readonly communeOfSiret: ReadonlyMap<string, string>,
    /** SIRET → département code. */
    private readonly departementOfSiret: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const region of geo.regions.values()) this.regionByName.set(headerKey(region.nom), region.code);
    for (const commune of geo.communes.values()) {
      if (!commune.epci) continue;
      const seat = this.epciSeat.get(commune.epci);
      if (!seat || commune.population > seat.population) {
        this.epciSeat.set(commune.epci, {
          departement: commune.departement,
          region: commune.region,
          population: commune.population,
        });
      }
    }
  }

  /**
   * The beneficiaries the warehouse can place: SIRETs of imported Chorus lines placed in exactly
   * one commune, and of politique de la ville posts in exactly one département. Demo lines are
   * never used (their SIRETs are made up).
   */
  static async open(warehouse: Warehouse, geo: GeoReference): Promise<GrantPlacer> {
    const communes = new Map<string, string>();
    if (await warehouse.tableExists(CHORUS_IMPORT_TABLE)) {
      const { rows } = await warehouse.query(
        `SELECT beneficiaire, min(commune) FROM ${CHORUS_IMPORT_TABLE}
         WHERE commune IS NOT NULL AND length(beneficiaire) = 14
         GROUP BY beneficiaire HAVING count(DISTINCT commune) = 1`,
      );
      for (const [siret, commune] of rows) communes.set(String(siret), String(commune));
    }
    const departements = new Map<string, string>();
    if (await warehouse.tableExists(POLITIQUE_VILLE_TABLE)) {
      const { rows } = await warehouse.query(
        `SELECT beneficiaire, min(departement) FROM ${POLITIQUE_VILLE_TABLE}
         WHERE departement IS NOT NULL AND length(beneficiaire) = 14
         GROUP BY beneficiaire HAVING count(DISTINCT departement) = 1`,
      );
      for (const [siret, departement] of rows) departements.set(String(siret), String(departement));
    }
    return new GrantPlacer(geo, communes, departements);
  }

  /** `044` → `44`, `2A` → `2A`, `971` → `971`; unknown → undefined. */
  departementOf(raw: string | null | undefined) {
    if (!raw) return undefined;
    const code = raw.trim().toUpperCase();
    return (
      this.geo.resolveDepartement(code) ??
      (code.startsWith('0') ? this.geo.resolveDepartement(code.slice(1)) : undefined)
    );
  }

  /** The région a name designates (`Pays de la Loire`), when it names exactly one. */
  regionOf(names: string | null | undefined): string | null {
    if (!names) return null;
    return this.regionByName.get(headerKey(names)) ?? null;
  }

  place(siret: string | null, hints: PlaceHints = {}): GrantPlacement {
    const departement = this.departementOf(hints.departement);
    const region = departement?.region ?? this.regionOf(hints.regions);
    const fits = (place: { departement: string; region: string }) =>
      departement ? place.departement === departement.code : region === null || place.region === region;
    const communeCode = siret ? this.communeOfSiret.get(siret) : undefined;
    const commune = communeCode ? this.geo.resolveCommune(communeCode) : undefined;
    if (commune && fits(commune)) return { ...this.geo.placeCommune(commune), level: 'commune' };
    const epci = siret ? siret.slice(0, 9) : undefined;
    const seat = epci ? this.epciSeat.get(epci) : undefined;
    if (epci && seat && fits(seat)) {
      return { commune: null, epci, departement: seat.departement, region: seat.region, level: 'epci' };
    }
    if (departement) return { ...this.geo.placeDepartement(departement), level: 'departement' };
    const known = siret ? this.departementOf(this.departementOfSiret.get(siret)) : undefined;
    if (known && (region === null || known.region === region)) {
      return { ...this.geo.placeDepartement(known), level: 'departement' };
    }
    return { commune: null, epci: null, departement: null, region, level: region ? 'region' : null };
  }
}
