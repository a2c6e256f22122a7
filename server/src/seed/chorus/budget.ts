import { type Programme, RELANCE_THEME } from '../programmes.ts';
import { AliasTable, type Random } from './random.ts';

export const YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025] as const;

/** Programmes most State spending in the territories goes through: they head the Zipf ranking. */
const TERRITORIAL = [
  '0135',
  '0119',
  '0380',
  '0362',
  '0364',
  '0363',
  '0147',
  '0177',
  '0181',
  '0103',
  '0112',
  '0113',
  '0149',
  '0102',
  '0203',
  '0304',
  '0123',
  '0161',
  '0216',
  '0354',
  '0231',
  '0172',
  '0219',
  '0175',
  '0361',
];

/** Centre de coûts services by theme (prefix of the code, then the département on 4 chars). */
const SERVICES: Record<string, readonly string[]> = {
  'Ecologie, développement et mobilité durables': ['DDT', 'DREAL', 'DIRM'],
  'Cohésion des territoires': ['DDT', 'DDETS', 'PREF'],
  'Travail et emploi': ['DREETS', 'DDETS'],
  'Agriculture, alimentation, forêt et affaires rurales': ['DRAAF', 'DDT'],
  Culture: ['DRAC'],
  'Enseignement scolaire': ['RECT', 'DSDEN'],
  'Recherche et enseignement supérieur': ['RECT'],
  'Sport, jeunesse et vie associative': ['DRAJES', 'SDJES'],
  'Solidarité, insertion et égalité des chances': ['DDETS', 'DREETS'],
  Santé: ['ARS'],
  'Relations avec les collectivités locales': ['PREF', 'DDFIP'],
  'Gestion des finances publiques': ['DDFIP'],
  Sécurités: ['SGAMI', 'DDSP', 'GGD'],
  Justice: ['DIRPJJ', 'DISP'],
  [RELANCE_THEME]: ['PREF', 'DDT', 'DREETS'],
};
const DEFAULT_SERVICES = ['PREF', 'SGAR'];

export interface DomaineFonctionnel {
  readonly code: string;
  readonly referentiels: readonly string[];
}

export interface BudgetProgramme {
  readonly programme: Programme;
  readonly services: readonly string[];
  readonly domaines: readonly DomaineFonctionnel[];
  readonly domaineTable: AliasTable;
  /** Log of the median line amount, per programme (a few big-ticket programmes). */
  readonly logMedian: number;
}

export interface Budget {
  readonly programmes: readonly BudgetProgramme[];
  /** One table per year, since some programmes only exist part of the period. */
  drawProgramme(year: number, random: Random): BudgetProgramme;
}

/** Years a programme can carry commitments: Fonds vert from 2023, the recovery plans a while. */
function activeIn(programme: Programme, year: number): boolean {
  if (programme.code === '0380') return year >= 2023;
  if (programme.theme === RELANCE_THEME) return year >= 2021 && year <= 2024;
  if (programme.theme === "Plan d'urgence face à la crise sanitaire") return year >= 2020 && year <= 2022;
  return true;
}

/** Zipf-like weights: territorial programmes first, the rest in a seeded random order. */
function rankProgrammes(programmes: readonly Programme[], random: Random): Programme[] {
  const byCode = new Map(programmes.map((p) => [p.code, p]));
  const head = TERRITORIAL.flatMap((code) => byCode.get(code) ?? []);
  const tail = programmes.filter((p) => !TERRITORIAL.includes(p.code));
  for (let i = tail.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [tail[i], tail[j]] = [tail[j] as Programme, tail[i] as Programme];
  }
  return [...head, ...tail];
}

function buildDomaines(programme: Programme, random: Random): DomaineFonctionnel[] {
  const count = 2 + random.int(7);
  return Array.from({ length: count }, (_, i) => {
    const suffix = String(i + 1).padStart(2, '0');
    // Référentiel de programmation (activité): programme + DF + 6 digits, 12 characters.
    const referentiels = Array.from(
      { length: 1 + random.int(4) },
      (_, k) =>
        `${programme.code}${suffix}${String(10_100 + (k + 1) * (1 + random.int(90))).padStart(6, '0')}`,
    );
    return { code: `${programme.code}-${suffix}`, referentiels: [...new Set(referentiels)] };
  });
}

export function buildBudget(programmes: readonly Programme[], random: Random): Budget {
  const ranked = rankProgrammes(programmes, random);
  const budgetProgrammes: BudgetProgramme[] = ranked.map((programme) => {
    const domaines = buildDomaines(programme, random);
    return {
      programme,
      services: SERVICES[programme.theme ?? ''] ?? DEFAULT_SERVICES,
      domaines,
      domaineTable: new AliasTable(domaines.map((_, i) => 1 / (i + 1))),
      logMedian: Math.log(8_000) + 0.5 * random.normal(),
    };
  });
  const weights = budgetProgrammes.map((_, rank) => 1 / (rank + 1) ** 0.85);
  const tables = new Map(
    YEARS.map((year) => [
      year,
      new AliasTable(
        budgetProgrammes.map((b, i) => (activeIn(b.programme, year) ? (weights[i] as number) : 0)),
      ),
    ]),
  );
  return {
    programmes: budgetProgrammes,
    drawProgramme(year, random) {
      const table = tables.get(year as (typeof YEARS)[number]);
      if (!table) throw new Error(`année hors période : ${year}`);
      return budgetProgrammes[table.sample(random)] as BudgetProgramme;
    },
  };
}
