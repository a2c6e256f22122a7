import { createRequire } from 'node:module';

/**
 * COG 2026 reference from @etalab/decoupage-administratif (its index.js reads ./data relative
 * to the working directory, so the JSON files are imported directly).
 */
const require = createRequire(import.meta.url);

interface RawCommune {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  departement?: string;
  region?: string;
  population?: number;
  siren?: string;
  anciensCodes?: string[];
  chefLieu?: string;
  commune?: string;
}
interface RawEpci {
  code: string;
  nom: string;
  type: string;
  populationTotale?: number;
  membres: { code: string }[];
}
interface RawNamed {
  code: string;
  nom: string;
  region?: string;
}

export interface Region {
  readonly code: string;
  readonly nom: string;
}
export interface Departement {
  readonly code: string;
  readonly nom: string;
  readonly region: string;
}
export interface Epci {
  readonly code: string;
  readonly nom: string;
  readonly type: string;
  readonly population: number | null;
}
export interface Commune {
  readonly code: string;
  readonly nom: string;
  readonly departement: string;
  readonly region: string;
  readonly epci: string | null;
  readonly population: number;
  /** The commune's SIREN (the collectivity as a beneficiary), null when the COG gives none. */
  readonly siren: string | null;
}

/** Where a row lands once geolocated; null levels are unknown. */
export interface Placement {
  readonly commune: string | null;
  readonly epci: string | null;
  readonly departement: string | null;
  readonly region: string | null;
}

export const COG_VERSION = '@etalab/decoupage-administratif@6.0.0 (COG 2026)';

export class GeoReference {
  readonly regions = new Map<string, Region>();
  readonly departements = new Map<string, Departement>();
  readonly epcis = new Map<string, Epci>();
  /** Current communes (commune-actuelle) by code. */
  readonly communes = new Map<string, Commune>();
  /** Any historical or sub-commune code → current commune code. */
  private readonly communeAliases = new Map<string, string>();

  static load(): GeoReference {
    const ref = new GeoReference();
    const dataDir = '@etalab/decoupage-administratif/data';
    for (const r of require(`${dataDir}/regions.json`) as RawNamed[]) {
      ref.regions.set(r.code, { code: r.code, nom: r.nom });
    }
    for (const d of require(`${dataDir}/departements.json`) as RawNamed[]) {
      ref.departements.set(d.code, { code: d.code, nom: d.nom, region: d.region ?? '' });
    }
    const epciOfCommune = new Map<string, string>();
    for (const e of require(`${dataDir}/epci.json`) as RawEpci[]) {
      ref.epcis.set(e.code, {
        code: e.code,
        nom: e.nom,
        type: e.type,
        population: e.populationTotale ?? null,
      });
      for (const member of e.membres) epciOfCommune.set(member.code, e.code);
    }
    const raw = require(`${dataDir}/communes.json`) as RawCommune[];
    for (const c of raw) {
      if (c.type !== 'commune-actuelle' || !c.departement || !c.region) continue;
      ref.communes.set(c.code, {
        code: c.code,
        nom: c.nom,
        departement: c.departement,
        region: c.region,
        epci: epciOfCommune.get(c.code) ?? null,
        population: c.population ?? 0,
        siren: c.siren ?? null,
      });
      for (const old of c.anciensCodes ?? []) ref.communeAliases.set(old, c.code);
    }
    // Delegated/associated communes and municipal arrondissements point at their current commune.
    for (const c of raw) {
      const parent = c.type === 'arrondissement-municipal' ? c.commune : c.chefLieu;
      if (c.type !== 'commune-actuelle' && parent && !ref.communes.has(c.code)) {
        ref.communeAliases.set(c.code, ref.communeAliases.get(parent) ?? parent);
      }
    }
    return ref;
  }

  /** Current commune for a code of any vintage (merged communes through `anciensCodes`). */
  resolveCommune(code: string): Commune | undefined {
    return this.communes.get(code) ?? this.communes.get(this.communeAliases.get(code) ?? '');
  }

  /** `1` → `01`, `20A`/`20B` → `2A`/`2B`; unknown codes return undefined. */
  resolveDepartement(raw: string): Departement | undefined {
    let code = raw.trim().toUpperCase();
    if (/^\d$/.test(code)) code = `0${code}`;
    if (code === '20A') code = '2A';
    if (code === '20B') code = '2B';
    return this.departements.get(code);
  }

  placeCommune(commune: Commune): Placement {
    return {
      commune: commune.code,
      epci: commune.epci,
      departement: commune.departement,
      region: commune.region,
    };
  }

  placeDepartement(departement: Departement): Placement {
    return { commune: null, epci: null, departement: departement.code, region: departement.region };
  }

  /** Labels for a placement, denormalised into fact tables so queries need no join. */
  labels(placement: Placement): {
    commune_label: string | null;
    epci_label: string | null;
    departement_label: string | null;
    region_label: string | null;
  } {
    return {
      commune_label: placement.commune ? (this.communes.get(placement.commune)?.nom ?? null) : null,
      epci_label: placement.epci ? (this.epcis.get(placement.epci)?.nom ?? null) : null,
      departement_label: placement.departement
        ? (this.departements.get(placement.departement)?.nom ?? null)
        : null,
      region_label: placement.region ? (this.regions.get(placement.region)?.nom ?? null) : null,
    };
  }
}
