import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { politiqueVillePostes } from '../catalogue/datasets/politique-ville-postes.ts';
import { loadTagged } from '../tags/load.ts';
import type { ColumnDefinition } from '../warehouse/types.ts';
import { BENEFICIARY_TYPE_LABELS, type BeneficiaryType, publicTypeFromSiren } from './beneficiary-types.ts';
import { derivedTables } from './derived-tables.ts';
import type { GeoReference, Placement } from './geo-reference.ts';
import { searchColumns } from './search-columns.ts';
import { normaliseSiret } from './siret.ts';
import type { SeedLoader } from './types.ts';

export const POLITIQUE_VILLE_TABLE = 'politique_ville_postes';
const FOLDER = 'opendata';

/** One file per scheme and year; a new year dropped in the folder loads with no code change. */
const FILE_PATTERN = /^(adulte-relais|postes-fonjep)-(\d{4})\.json$/;
const DISPOSITIFS = {
  'adulte-relais': { code: 'adulte-relais', label: 'Adultes-relais' },
  'postes-fonjep': { code: 'fonjep', label: 'FONJEP' },
} as const;

const COLUMNS: readonly ColumnDefinition[] = [
  { name: 'id_poste', type: 'text' },
  { name: 'dispositif', type: 'text' },
  { name: 'dispositif_label', type: 'text' },
  { name: 'annee', type: 'integer' },
  { name: 'beneficiaire', type: 'text' },
  { name: 'beneficiaire_label', type: 'text' },
  { name: 'siret', type: 'text' },
  { name: 'type_beneficiaire', type: 'text' },
  { name: 'type_beneficiaire_label', type: 'text' },
  { name: 'contrat_ville', type: 'text' },
  { name: 'montant', type: 'amount' },
  { name: 'departement', type: 'text' },
  { name: 'departement_label', type: 'text' },
  { name: 'region', type: 'text' },
  { name: 'region_label', type: 'text' },
];

interface SourceRecord {
  id_poste?: unknown;
  code_tiers?: unknown;
  raison_sociale?: unknown;
  annee?: unknown;
  montant?: unknown;
  code_cv?: unknown;
  insee_dep?: unknown;
  insee_reg?: unknown;
}

export async function politiqueVilleFiles(seedDir: string): Promise<string[]> {
  const names = await readdir(path.join(seedDir, FOLDER));
  return names
    .filter((n) => FILE_PATTERN.test(n))
    .sort()
    .map((n) => `${FOLDER}/${n}`);
}

const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : '';
const collapse = (value: string): string => value.replace(/\s+/g, ' ').trim();

/** Amounts in cents (integers), so totals are exact whatever the engine. */
function parseCents(value: unknown): number | null {
  const raw = typeof value === 'string' ? value.replace(/[\s\u00a0€]/g, '').replace(',', '.') : value;
  const amount =
    typeof raw === 'number' ? raw : typeof raw === 'string' && raw !== '' ? Number(raw) : Number.NaN;
  return Number.isFinite(amount) ? Math.round(amount * 100) : null;
}

const COMPANY_FORM = /\b(SAS|SASU|SARL|EURL|SA|SEM|SAEM|SPL|SCOP|SCIC|ESH)\b/;

/**
 * From the SIREN when it is public (1… État, 2… collectivité); FONJEP funds associations by
 * design; other private adult-relay employers are associations unless their name shows a
 * company form (SA d'HLM, SARL…).
 */
export function beneficiaryType(siret: string | null, name: string, fonjep: boolean): BeneficiaryType {
  if (siret) {
    const publicType = publicTypeFromSiren(siret);
    if (publicType) return publicType;
  }
  if (fonjep) return 'association';
  return COMPANY_FORM.test(name.toUpperCase()) ? 'entreprise' : 'association';
}

interface Post {
  idPoste: string;
  dispositif: keyof typeof DISPOSITIFS;
  annee: number;
  beneficiaire: string;
  siret: string | null;
  name: string;
  contratVille: string | null;
  cents: number;
  placement: Placement;
}

type Problem = { file: string; index: number; message: string };

function place(record: SourceRecord, geo: GeoReference): { placement: Placement; problem?: string } {
  const departement = geo.resolveDepartement(text(record.insee_dep));
  if (departement) return { placement: geo.placeDepartement(departement) };
  // No département: keep the région when the source gives a known one.
  const region = geo.regions.get(text(record.insee_reg).trim());
  return {
    placement: { commune: null, epci: null, departement: null, region: region?.code ?? null },
    problem:
      record.insee_dep == null ? 'département absent' : `département inconnu « ${text(record.insee_dep)} »`,
  };
}

/** Entity tables (and pre-aggregations) the catalogue declares for the dataset: none yet. */
const DERIVED = derivedTables(politiqueVillePostes);

/** The table as loaded (before its tags) with its rollups: what re-tagging rebuilds. */
export const POLITIQUE_VILLE_TAGGED = {
  name: POLITIQUE_VILLE_TABLE,
  columns: searchColumns(politiqueVillePostes, COLUMNS).columns,
  derived: DERIVED,
};

export const politiqueVilleLoader: SeedLoader = {
  dataset: POLITIQUE_VILLE_TABLE,
  // 2: search columns (`<dimension>_search`).
  // 3: tags from the rules (a list per line), computed in the engine.
  version: 3,
  source: `Seed pack ${FOLDER}/adulte-relais-*.json + postes-fonjep-*.json (ANCT, Licence Ouverte 2.0)`,
  tables: [POLITIQUE_VILLE_TABLE, ...DERIVED.map((t) => t.name)],
  inputs: politiqueVilleFiles,
  async load({ seedDir, warehouse, geo }) {
    const files = await politiqueVilleFiles(seedDir);
    const posts: Post[] = [];
    const unplaced: Problem[] = [];
    const rejected: Problem[] = [];
    const perFile: Record<string, number> = {};
    let yearFromFileName = 0;
    for (const file of files) {
      const match = FILE_PATTERN.exec(path.basename(file));
      if (!match) continue;
      const prefix = match[1] as keyof typeof DISPOSITIFS;
      const fileYear = Number(match[2]);
      const records = JSON.parse(await readFile(path.join(seedDir, file), 'utf8')) as unknown;
      if (!Array.isArray(records)) throw new Error(`${file} : un tableau JSON est attendu`);
      perFile[file] = records.length;
      records.forEach((record: SourceRecord, index) => {
        const cents = parseCents(record.montant);
        if (cents === null) {
          rejected.push({ file, index, message: `montant illisible « ${text(record.montant)} »` });
          return;
        }
        // `annee` is a number or a string depending on the file; the file name is the fallback.
        let annee = Number(text(record.annee).trim());
        if (!Number.isInteger(annee) || annee < 1900) {
          annee = fileYear;
          yearFromFileName++;
        }
        const name = collapse(text(record.raison_sociale)) || collapse(text(record.code_tiers));
        const siret = normaliseSiret(text(record.code_tiers));
        // FONJEP often names the association instead of giving its SIRET: the name is the key.
        const beneficiaire = siret ?? (collapse(text(record.code_tiers)).toUpperCase() || name.toUpperCase());
        const { placement, problem } = place(record, geo);
        if (problem) unplaced.push({ file, index, message: problem });
        posts.push({
          idPoste: text(record.id_poste).trim(),
          dispositif: prefix,
          annee,
          beneficiaire,
          siret,
          name,
          contratVille: text(record.code_cv).trim() || null,
          cents,
          placement,
        });
      });
    }

    // One label per beneficiary (grouping keys include the label): the latest year's name.
    const labelOf = new Map<string, { annee: number; name: string }>();
    for (const post of posts) {
      const current = labelOf.get(post.beneficiaire);
      if (!current || post.annee >= current.annee)
        labelOf.set(post.beneficiaire, { annee: post.annee, name: post.name });
    }

    const search = searchColumns(politiqueVillePostes, COLUMNS);
    function* rows(): Generator<unknown[]> {
      for (const post of posts) {
        const dispositif = DISPOSITIFS[post.dispositif];
        const label = labelOf.get(post.beneficiaire)?.name ?? post.name;
        const type = beneficiaryType(post.siret, label, post.dispositif === 'postes-fonjep');
        const labels = geo.labels(post.placement);
        yield search.extend([
          post.idPoste,
          dispositif.code,
          dispositif.label,
          post.annee,
          post.beneficiaire,
          label,
          post.siret,
          type,
          BENEFICIARY_TYPE_LABELS[type],
          post.contratVille,
          post.cents / 100,
          post.placement.departement,
          labels.departement_label,
          post.placement.region,
          labels.region_label,
        ]);
      }
    }
    const rowsLoaded = await loadTagged(warehouse, politiqueVillePostes, POLITIQUE_VILLE_TAGGED, rows());
    return {
      rowsLoaded,
      rowsUnplaced: unplaced.length,
      rowsRejected: rejected.length,
      report: {
        files: perFile,
        yearFromFileName,
        unplacedSample: unplaced.slice(0, 50),
        rejected: rejected.slice(0, 200),
      },
    };
  },
};
