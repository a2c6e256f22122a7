import type { DatasetDefinition } from '@dataetat/widgets';
import { chorusLignes } from '../catalogue/datasets/chorus-lignes.ts';
import { dotationsInvestissement } from '../catalogue/datasets/dotations-investissement.ts';
import { france2030Laureats } from '../catalogue/datasets/france-2030-laureats.ts';
import { politiqueVillePostes } from '../catalogue/datasets/politique-ville-postes.ts';
import { subventionsOperateurs } from '../catalogue/datasets/subventions-operateurs.ts';
import { BENEFICIARY_TYPE_LABELS } from '../seed/beneficiary-types.ts';
import { CHORUS_DETAILED, NO_OVERLAP, OPERATOR_TRANSFER, OVERLAP_PROGRAMMES, OVERLAPS } from './overlaps.ts';

/** Cross-source column → SQL expression over the source's row `s` (absent: NULL). */
export type Expressions = Readonly<Record<string, string>>;

/** A constant of this code as an SQL literal (never a user's value). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export interface CrossSource {
  /** `source` code in the cross-source table. */
  readonly code: string;
  readonly label: string;
  readonly dataset: DatasetDefinition;
  readonly expressions: Expressions;
  /** The branch's FROM clause (its table as `s`, and any join). */
  from(table: (name: string) => string): string;
}

const NATURE = {
  cp: { code: 'cp', label: 'Crédits de paiement (payés)' },
  accorde: { code: 'accorde', label: 'Montant accordé' },
} as const;

const PUBLISHED = { code: 'publie', label: 'Données publiées' };
const IMPORTED = { code: 'importe', label: 'Données importées' };

/** A SIRET is 14 digits, a SIREN 9: checked in SQL the same way on both engines. */
const digits = (expr: string, length: number) =>
  `(length(${expr}) = ${length} AND translate(${expr}, '0123456789', '') = '')`;
const sirenOfSiret = (expr: string) => `CASE WHEN ${digits(expr, 14)} THEN substr(${expr}, 1, 9) END`;

const constants = (source: { code: string; label: string }, nature: { code: string; label: string }) => ({
  source: sqlString(source.code),
  source_label: sqlString(source.label),
  nature_montant: sqlString(nature.code),
  nature_montant_label: sqlString(nature.label),
});

const copy = (...columns: string[]): Expressions => Object.fromEntries(columns.map((c) => [c, `s.${c}`]));

const GEO = ['region', 'departement', 'epci', 'commune'].flatMap((level) => [
  level,
  `${level}_label`,
  `${level}_search`,
]);
const BENEFICIARY = ['beneficiaire', 'beneficiaire_label', 'beneficiaire_search'];

/** The tags of a source that declares a `tags` dimension, copied as they are. */
function tagsOf(dataset: DatasetDefinition): Expressions {
  const tags = dataset.dimensions.find((d) => d.type === 'tags');
  if (!tags) return {};
  return { tags: `s.${tags.column}`, ...(tags.labelColumn && { tags_label: `s.${tags.labelColumn}` }) };
}

const list = (values: readonly string[]) => values.map(sqlString).join(', ');

/** The overlap code of a detailed source's line: Chorus pays that money, or nothing counts it. */
function overlapOf(source: string, table: (name: string) => string): string {
  const overlap = OVERLAPS.find((o) => o.source === source);
  if (!overlap) return sqlString(NO_OVERLAP.code);
  const sameRegion = overlap.scope === 'region' ? ' AND c.region = s.region' : '';
  return `CASE WHEN EXISTS (SELECT 1 FROM ${table(chorusLignes.table)} AS c WHERE c.programme IN (${list(
    overlap.programmes,
  )}) AND c.annee = s.annee${sameRegion}) THEN ${sqlString(overlap.code)} ELSE ${sqlString(NO_OVERLAP.code)} END`;
}

const CHORUS: CrossSource = {
  code: 'chorus',
  label: 'Chorus (paiements de l’État)',
  dataset: chorusLignes,
  expressions: {
    ...constants({ code: 'chorus', label: 'Chorus (paiements de l’État)' }, NATURE.cp),
    ...copy('annee', ...GEO, ...BENEFICIARY, 'type_beneficiaire', 'type_beneficiaire_label'),
    ...copy('programme', 'programme_label', 'origine', 'origine_label'),
    // Only Chorus knows quartiers prioritaires (demo lines, and `qpv_lieu_action` for imported ones).
    ...copy('qpv', 'qpv_label', 'qpv_search'),
    ...tagsOf(chorusLignes),
    siren: sirenOfSiret('s.beneficiaire'),
    objet: `CASE WHEN s.programme_label IS NULL THEN 'Programme ' || s.programme ELSE 'Programme ' || s.programme || ' — ' || s.programme_label END`,
    montant: 's.montant_cp',
  },
  from: (table) => `FROM ${table(chorusLignes.table)} AS s`,
};

/** Chorus lines: paid to an operator whose grants are detailed, of a detailed programme, or neither. */
const chorusOverlap = (table: (name: string) => string) =>
  `CASE WHEN EXISTS (SELECT 1 FROM ${table(subventionsOperateurs.table)} AS o WHERE substr(o.attribuant, 1, 9) = substr(s.beneficiaire, 1, 9) AND o.annee = s.annee AND ${digits(
    'o.attribuant',
    14,
  )}) THEN ${sqlString(OPERATOR_TRANSFER.code)} WHEN s.programme IN (${list(OVERLAP_PROGRAMMES)}) THEN ${sqlString(
    CHORUS_DETAILED.code,
  )} ELSE ${sqlString(NO_OVERLAP.code)} END`;

const DOTATIONS: CrossSource = {
  code: 'dotations',
  label: 'Dotations d’investissement (DETR, DSIL, DSID)',
  dataset: dotationsInvestissement,
  expressions: {
    ...constants(
      { code: 'dotations', label: 'Dotations d’investissement (DETR, DSIL, DSID)' },
      NATURE.accorde,
    ),
    ...copy('annee', ...GEO, ...BENEFICIARY),
    // A commune by the COG's SIREN, an EPCI by its code (a SIREN), a département by nothing.
    siren: `CASE WHEN rc.siren IS NOT NULL THEN rc.siren WHEN ${digits('s.beneficiaire', 9)} THEN s.beneficiaire END`,
    type_beneficiaire: sqlString('collectivite'),
    type_beneficiaire_label: sqlString(BENEFICIARY_TYPE_LABELS.collectivite),
    objet: 's.description',
    origine: sqlString(PUBLISHED.code),
    origine_label: sqlString(PUBLISHED.label),
    montant: 's.montant_subvention',
  },
  from: (table) =>
    `FROM ${table(dotationsInvestissement.table)} AS s LEFT JOIN ${table('ref_communes')} AS rc ON s.echelon = 'commune' AND rc.code = s.beneficiaire`,
};

const POLITIQUE_VILLE: CrossSource = {
  code: 'politique_ville',
  label: 'Politique de la ville (adultes-relais, FONJEP)',
  dataset: politiqueVillePostes,
  expressions: {
    ...constants(
      { code: 'politique_ville', label: 'Politique de la ville (adultes-relais, FONJEP)' },
      NATURE.accorde,
    ),
    ...copy('annee', ...GEO.slice(0, 6), ...BENEFICIARY, 'type_beneficiaire', 'type_beneficiaire_label'),
    siren: sirenOfSiret('s.siret'),
    objet: 's.dispositif_label',
    origine: sqlString(PUBLISHED.code),
    origine_label: sqlString(PUBLISHED.label),
    montant: 's.montant',
  },
  from: (table) => `FROM ${table(politiqueVillePostes.table)} AS s`,
};

const SUBVENTIONS: CrossSource = {
  code: 'subventions_operateurs',
  label: 'Subventions des opérateurs (SCDL)',
  dataset: subventionsOperateurs,
  expressions: {
    ...constants(
      { code: 'subventions_operateurs', label: 'Subventions des opérateurs (SCDL)' },
      NATURE.accorde,
    ),
    ...copy('annee', ...GEO, ...BENEFICIARY, 'type_beneficiaire', 'type_beneficiaire_label', 'objet'),
    siren: sirenOfSiret('s.beneficiaire'),
    origine: sqlString(IMPORTED.code),
    origine_label: sqlString(IMPORTED.label),
    montant: 's.montant',
  },
  from: (table) => `FROM ${table(subventionsOperateurs.table)} AS s`,
};

const FRANCE_2030: CrossSource = {
  code: 'france_2030',
  label: 'France 2030 (lauréats)',
  dataset: france2030Laureats,
  expressions: {
    ...constants({ code: 'france_2030', label: 'France 2030 (lauréats)' }, NATURE.accorde),
    ...copy('annee', ...GEO, ...BENEFICIARY),
    siren: sirenOfSiret('s.beneficiaire'),
    objet: 's.projet',
    origine: sqlString(IMPORTED.code),
    origine_label: sqlString(IMPORTED.label),
    montant: 's.montant_aide',
  },
  from: (table) => `FROM ${table(france2030Laureats.table)} AS s`,
};

/** Every source of the cross-source view, Chorus first (its columns type the union). */
export const CROSS_SOURCES: readonly CrossSource[] = [
  CHORUS,
  DOTATIONS,
  POLITIQUE_VILLE,
  SUBVENTIONS,
  FRANCE_2030,
];

/** The `recoupement` expression of a source's branch. */
export function overlapExpression(source: CrossSource, table: (name: string) => string): string {
  return source.code === CHORUS.code ? chorusOverlap(table) : overlapOf(source.code, table);
}
