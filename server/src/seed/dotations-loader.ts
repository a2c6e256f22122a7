import { createReadStream } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import { dotationsInvestissement } from '../catalogue/datasets/dotations-investissement.ts';
import { loadTagged } from '../tags/load.ts';
import type { ColumnDefinition } from '../warehouse/types.ts';
import { derivedTables } from './derived-tables.ts';
import type { GeoReference, Placement } from './geo-reference.ts';
import { searchColumns } from './search-columns.ts';
import type { SeedLoader } from './types.ts';

const FILE = 'opendata/dotations-investissement-2019.csv';
export const DOTATIONS_TABLE = 'dotations_investissement';

const COLUMNS: readonly ColumnDefinition[] = [
  { name: 'id_projet', type: 'text' },
  { name: 'annee', type: 'integer' },
  { name: 'dotation', type: 'text' },
  { name: 'echelon', type: 'text' },
  { name: 'echelon_label', type: 'text' },
  { name: 'categorie', type: 'text' },
  { name: 'description', type: 'text' },
  { name: 'beneficiaire', type: 'text' },
  { name: 'beneficiaire_label', type: 'text' },
  { name: 'cout_total', type: 'amount' },
  { name: 'montant_subvention', type: 'amount' },
  { name: 'taux_subvention', type: 'double' },
  { name: 'latitude', type: 'double' },
  { name: 'longitude', type: 'double' },
  { name: 'commune', type: 'text' },
  { name: 'commune_label', type: 'text' },
  { name: 'epci', type: 'text' },
  { name: 'epci_label', type: 'text' },
  { name: 'departement', type: 'text' },
  { name: 'departement_label', type: 'text' },
  { name: 'region', type: 'text' },
  { name: 'region_label', type: 'text' },
];

const ECHELON_LABELS: Record<string, string> = {
  commune: 'Commune',
  epci: 'EPCI',
  conseil_departemental: 'Conseil départemental',
};

interface CsvRow {
  id_projet: string;
  id_dep: string;
  id_terr: string;
  nom_terr: string;
  dotation: string;
  echelon: string;
  categorie: string;
  description: string;
  cout_total: string;
  montant_sub: string;
  pct_sub: string;
  lat: string;
  long: string;
}

/**
 * The source spells some categories several ways (« Actions et Services publics » vs
 * « services », « transport » vs « transports »): one label per category number.
 */
export function canonicalCategories(values: Iterable<string>): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const raw of values) {
    const value = raw.trim();
    const key = /^(\d+)\s*-/.exec(value)?.[1] ?? value;
    const byLabel = counts.get(key) ?? new Map<string, number>();
    byLabel.set(value, (byLabel.get(value) ?? 0) + 1);
    counts.set(key, byLabel);
  }
  const canonical = new Map<string, string>();
  for (const byLabel of counts.values()) {
    const best = [...byLabel.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    for (const label of byLabel.keys()) canonical.set(label, best);
  }
  return canonical;
}

function parseNumber(raw: string): number | null {
  const text = raw.trim();
  if (text === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : Number.NaN;
}

type Unplaced = { reason: string; line: number; code: string };

/** Places a project at the level its `echelon` says, falling back to its département. */
function place(row: CsvRow, geo: GeoReference): { placement: Placement; problem?: string } {
  const departement = geo.resolveDepartement(row.id_dep);
  const fallback: Placement = departement
    ? geo.placeDepartement(departement)
    : { commune: null, epci: null, departement: null, region: null };
  const code = row.id_terr.trim();
  if (row.echelon === 'commune') {
    const commune = geo.resolveCommune(code.padStart(5, '0'));
    if (commune) return { placement: geo.placeCommune(commune) };
    return { placement: fallback, problem: 'commune inconnue au COG 2026' };
  }
  if (row.echelon === 'epci') {
    if (geo.epcis.has(code)) return { placement: { ...fallback, epci: code } };
    return {
      placement: fallback,
      problem: 'EPCI absent du COG 2026 (fusionné ou dissous) : placé au département',
    };
  }
  if (!departement) return { placement: fallback, problem: 'département inconnu' };
  return { placement: fallback };
}

/** Entity tables (and pre-aggregations) the catalogue declares for the dataset: none yet. */
const DERIVED = derivedTables(dotationsInvestissement);

/** The table as loaded (before its tags) with its rollups: what re-tagging rebuilds. */
export const DOTATIONS_TAGGED = {
  name: DOTATIONS_TABLE,
  columns: searchColumns(dotationsInvestissement, COLUMNS).columns,
  derived: DERIVED,
};

export const dotationsLoader: SeedLoader = {
  dataset: DOTATIONS_TABLE,
  // 2: search columns (`<dimension>_search`).
  // 3: tags from the rules (a list per line), computed in the engine.
  version: 3,
  source: `Seed pack ${FILE} (DGCL via ANCT, Licence Ouverte 2.0)`,
  tables: [DOTATIONS_TABLE, ...DERIVED.map((t) => t.name)],
  inputs: async () => [FILE],
  async load({ seedDir, warehouse, geo }) {
    const records: { row: CsvRow; line: number }[] = [];
    const parser = createReadStream(path.join(seedDir, FILE)).pipe(
      parse({ columns: true, bom: true, skip_empty_lines: true, info: true }),
    );
    for await (const { record, info } of parser as AsyncIterable<{
      record: CsvRow;
      info: { lines: number };
    }>) {
      records.push({ row: record, line: info.lines });
    }
    const categories = canonicalCategories(records.map((r) => r.row.categorie));
    const unplaced: Unplaced[] = [];
    const rejected: { line: number; message: string }[] = [];
    const search = searchColumns(dotationsInvestissement, COLUMNS);
    const rows: unknown[][] = [];
    for (const { row, line } of records) {
      const amount = parseNumber(row.montant_sub);
      const cost = parseNumber(row.cout_total);
      if (Number.isNaN(amount) || Number.isNaN(cost)) {
        rejected.push({
          line,
          message: `montant illisible (montant_sub « ${row.montant_sub} », cout_total « ${row.cout_total} »)`,
        });
        continue;
      }
      const { placement, problem } = place(row, geo);
      if (problem) unplaced.push({ reason: problem, line, code: row.id_terr });
      const labels = geo.labels(placement);
      const rate = parseNumber(row.pct_sub);
      const lat = parseNumber(row.lat);
      const lon = parseNumber(row.long);
      const values = [
        row.id_projet,
        2019,
        row.dotation.trim(),
        row.echelon,
        ECHELON_LABELS[row.echelon] ?? row.echelon,
        categories.get(row.categorie.trim()) ?? row.categorie.trim(),
        row.description.trim(),
        row.id_terr.trim(),
        row.nom_terr.trim(),
        cost,
        amount,
        Number.isNaN(rate) ? null : rate,
        Number.isNaN(lat) ? null : lat,
        Number.isNaN(lon) ? null : lon,
        placement.commune,
        labels.commune_label,
        placement.epci,
        labels.epci_label,
        placement.departement,
        labels.departement_label,
        placement.region,
        labels.region_label,
      ];
      rows.push(search.extend(values));
    }
    const rowsLoaded = await loadTagged(warehouse, dotationsInvestissement, DOTATIONS_TAGGED, rows);
    const byReason: Record<string, number> = {};
    for (const u of unplaced) byReason[u.reason] = (byReason[u.reason] ?? 0) + 1;
    return {
      rowsLoaded,
      rowsUnplaced: unplaced.length,
      rowsRejected: rejected.length,
      report: {
        unplacedByReason: byReason,
        unplacedSample: unplaced.slice(0, 50),
        rejected: rejected.slice(0, 200),
      },
    };
  },
};
