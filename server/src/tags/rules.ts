import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Catalogue, DimensionDefinition } from '@dataetat/widgets';
import { parse } from 'csv-parse/sync';
import type { TagCondition, TagTarget } from '../metadata/schema.ts';

/**
 * Tagging rules as the warehouse applies them, their validation against the catalogue, and the
 * built-in rules written at the first start (seed pack lists read then).
 */
export interface TagRule {
  readonly id: number;
  readonly code: string;
  readonly label: string;
  readonly description: string;
  readonly targets: readonly TagTarget[];
}

export type TagRuleInput = Omit<TagRule, 'id'>;

export const TAG_CODE_RE = /^[a-z][a-z0-9_]{1,39}$/;
const MAX_TARGETS = 10;
const MAX_CONDITIONS = 10;
const MAX_VALUES = 5_000;
const MAX_VALUE_LENGTH = 200;

/** Fields a rule may test: codes and texts (never the tags themselves, years or coordinates). */
export function conditionField(dimension: DimensionDefinition): boolean {
  return dimension.type === 'code' || dimension.type === 'text' || dimension.type === 'geo';
}

export interface RuleProblem {
  /** JSON pointer into the rule (`/targets/0/conditions/1/field`). */
  readonly path: string;
  readonly message: string;
}

/** What is wrong with a rule, in French, each problem pointing at its place; empty when fine. */
export function ruleProblems(
  rule: TagRuleInput,
  catalogue: Catalogue,
  /** Datasets tagged from their own lines (tags/tables.ts). */
  taggable: (dataset: string) => boolean,
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const add = (p: string, message: string) => problems.push({ path: p, message });
  if (!TAG_CODE_RE.test(rule.code))
    add(
      '/code',
      'Code invalide : 2 à 40 caractères, minuscules sans accent, chiffres ou « _ », commençant par une lettre.',
    );
  if (rule.label.trim().length === 0 || rule.label.length > 80)
    add('/label', 'Libellé requis, 80 caractères au plus.');
  if (rule.description.length > 500) add('/description', 'Description de 500 caractères au plus.');
  if (rule.targets.length === 0 || rule.targets.length > MAX_TARGETS)
    add('/targets', `Une règle vise de 1 à ${MAX_TARGETS} jeux de données.`);
  const seen = new Set<string>();
  rule.targets.forEach((target, t) => {
    const dataset = catalogue.get(target.dataset);
    if (!dataset || !taggable(dataset.id)) {
      add(`/targets/${t}/dataset`, `Jeu de données « ${target.dataset} » inconnu ou sans étiquettes.`);
      return;
    }
    if (seen.has(target.dataset)) add(`/targets/${t}/dataset`, `Jeu « ${dataset.title} » visé deux fois.`);
    seen.add(target.dataset);
    if (target.conditions.length > MAX_CONDITIONS)
      add(`/targets/${t}/conditions`, `${MAX_CONDITIONS} conditions au plus par jeu de données.`);
    target.conditions.forEach((condition, c) => {
      const at = `/targets/${t}/conditions/${c}`;
      const dimension = dataset.dimensions.find((d) => d.id === condition.field);
      if (!dimension || !conditionField(dimension)) {
        add(
          `${at}/field`,
          `Champ « ${condition.field} » absent de « ${dataset.title} » ou non testable (codes et textes seulement).`,
        );
      }
      const { values } = condition;
      if (condition.op === 'between' && values.length !== 2)
        add(`${at}/values`, 'Une plage attend deux valeurs : début et fin.');
      if (values.length === 0 || values.length > MAX_VALUES)
        add(`${at}/values`, `De 1 à ${MAX_VALUES} valeurs.`);
      const bad = values.findIndex((v) => v.trim().length === 0 || v.length > MAX_VALUE_LENGTH);
      if (bad >= 0) add(`${at}/values/${bad}`, `Valeur vide ou de plus de ${MAX_VALUE_LENGTH} caractères.`);
    });
  });
  return problems;
}

/** Communes (INSEE codes) of a list file of the seed pack (`insee_com` column); none without it. */
function communeList(seedDir: string | null, file: string): string[] {
  if (!seedDir) return [];
  try {
    const records: Record<string, string>[] = parse(readFileSync(path.join(seedDir, 'formats/other', file)), {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
    });
    return [...new Set(records.map((r) => (r.insee_com ?? '').trim()).filter((c) => /^[0-9AB]{5}$/.test(c)))];
  } catch {
    return [];
  }
}

const GEOLOCATED = [
  'chorus_lignes',
  'dotations_investissement',
  'politique_ville_postes',
  'subventions_operateurs',
  'france_2030_laureats',
];

const programmes = (...codes: string[]): TagTarget => ({
  dataset: 'chorus_lignes',
  conditions: [{ field: 'programme', op: 'in', values: codes }],
});

/**
 * The built-in rules. CPER (2015-2020, 2021-2027) is not among them: the seed pack lists no
 * référentiel de programmation of a CPER; an administrator writes those rules with theirs.
 */
export function seedRules(seedDir: string | null): TagRuleInput[] {
  const communes = (file: string): TagTarget[] => {
    const values = communeList(seedDir, file);
    return values.length === 0
      ? []
      : GEOLOCATED.map((dataset) => ({
          dataset,
          conditions: [{ field: 'commune', op: 'in' as const, values, source: `seed pack : ${file}` }],
        }));
  };
  const dotation = (value: string): TagTarget[] => [
    { dataset: 'dotations_investissement', conditions: [{ field: 'dotation', op: 'in', values: [value] }] },
  ];
  const rules: TagRuleInput[] = [
    {
      code: 'fonds_vert',
      label: 'Fonds vert',
      description: 'Programme 380 « Fonds d’accélération de la transition écologique dans les territoires ».',
      targets: [programmes('0380')],
    },
    {
      code: 'relance',
      label: 'Plan de relance',
      description: 'Programmes 362, 363 et 364 de la mission « Plan de relance ».',
      targets: [
        {
          dataset: 'chorus_lignes',
          conditions: [{ field: 'programme', op: 'between', values: ['0362', '0364'] }],
        },
      ],
    },
    {
      code: 'france_2030',
      label: 'France 2030',
      description: 'Programme 424 « Financement des investissements stratégiques » et lauréats France 2030.',
      targets: [programmes('0424'), { dataset: 'france_2030_laureats', conditions: [] }],
    },
    {
      code: 'detr',
      label: 'DETR',
      description: 'Dotation d’équipement des territoires ruraux.',
      targets: dotation('DETR'),
    },
    {
      code: 'dsil',
      label: 'DSIL',
      description: 'Dotation de soutien à l’investissement local.',
      targets: dotation('DSIL'),
    },
    {
      code: 'dsid',
      label: 'DSID',
      description: 'Dotation de soutien à l’investissement des départements.',
      targets: dotation('DSID'),
    },
    {
      code: 'petites_villes_de_demain',
      label: 'Petites villes de demain',
      description: 'Lignes des communes du programme (liste pvd.csv du seed pack).',
      targets: communes('pvd.csv'),
    },
    {
      code: 'action_coeur_de_ville',
      label: 'Action cœur de ville',
      description: 'Lignes des communes du programme (liste acv.csv du seed pack).',
      targets: communes('acv.csv'),
    },
    {
      code: 'politique_ville',
      label: 'Politique de la ville',
      description: 'Programme 147 « Politique de la ville » et postes adultes-relais / FONJEP.',
      targets: [programmes('0147'), { dataset: 'politique_ville_postes', conditions: [] }],
    },
  ];
  // A list rule without its seed file would tag nothing and fail validation: left out.
  return rules.filter((r) => r.targets.length > 0);
}

/** The built-in rules numbered as a fresh metadata store numbers them (tests, loaders alone). */
export function defaultRules(seedDir: string | null): TagRule[] {
  return seedRules(seedDir).map((rule, i) => ({ ...rule, id: i + 1 }));
}

export type { TagCondition, TagTarget };
