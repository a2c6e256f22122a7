import { type Qpv, qpvLabel } from '../../geo/qpv.ts';
import type { BeneficiaryType } from '../beneficiary-types.ts';
import type { GeoReference } from '../geo-reference.ts';
import type { Programme } from '../programmes.ts';
import { buildBeneficiaries, type SyntheticBeneficiary } from './beneficiaries.ts';
import { type BudgetProgramme, buildBudget, YEARS } from './budget.ts';
import { AliasTable, Random } from './random.ts';

/** Row layout yielded by `generateChorusLines`, in this order (chorus/tables.ts). */
export { CHORUS_DEMO_LINE_COLUMNS as CHORUS_COLUMNS, CHORUS_TABLE } from '../../chorus/tables.ts';

export interface ChorusOptions {
  readonly lines: number;
  readonly seed: number;
}

/** Slightly more commitments in recent years. */
const YEAR_WEIGHTS = [0.8, 0.9, 1.1, 1.05, 1.1, 1.1, 1];
/** Postes per EJ: most commitments have one line, some several. */
const POSTES_WEIGHTS = [70, 18, 6, 3, 2, 1];
/** Shift of the log-amount by beneficiary type (grants to local authorities are larger). */
const TYPE_SHIFT: Record<BeneficiaryType, number> = {
  entreprise: 0,
  association: -0.6,
  collectivite: 0.8,
  etat: 0.3,
  autre: -0.3,
};
const AMOUNT_SIGMA = 1.5;
const MAX_CENTS = 3_000_000_000; // 30 M€ per line
/** Share of the commitments of a commune with quartiers prioritaires placed in one of them, in %. */
export const QPV_SHARE_PERCENT = 40;

/** FNV-1a of the EJ number: the quartier follows from the EJ alone, without drawing from `random`. */
function ejHash(ej: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < ej.length; i++) hash = Math.imul(hash ^ ej.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * The quartier of a demo commitment: for a commune that has some, `QPV_SHARE_PERCENT` % of its
 * EJ (every poste alike) go to one of them. A hash of the EJ decides, so the other columns —
 * drawn from `random` — are the same with or without the QPV file.
 */
export function demoQpv(ej: string, quartiers: readonly Qpv[] | undefined): Qpv | null {
  if (!quartiers || quartiers.length === 0) return null;
  const hash = ejHash(ej);
  if (hash % 100 >= QPV_SHARE_PERCENT) return null;
  return quartiers[Math.floor(hash / 100) % quartiers.length] ?? null;
}

/** ISO dates of every day of each year, built once (formatting per row would dominate). */
function daysByYear(): Map<number, string[]> {
  const days = new Map<number, string[]>();
  for (const year of YEARS) {
    const list: string[] = [];
    for (
      let d = new Date(Date.UTC(year, 0, 1));
      d.getUTCFullYear() === year;
      d.setUTCDate(d.getUTCDate() + 1)
    ) {
      list.push(d.toISOString().slice(0, 10));
    }
    days.set(year, list);
  }
  return days;
}

/** Département on 4 characters, as Chorus centres de coûts spell it (`DDT0035`, `DDT002A`). */
const dep4 = (departement: string): string => departement.padStart(4, '0');

/**
 * AE heavy-tailed (log-normal, in cents). CP: most lines paid in part or in full, some not
 * yet paid (0), a few paid above the commitment (revaluations).
 */
function amounts(random: Random, logMedian: number): [number, number] {
  const raw = Math.exp(logMedian + AMOUNT_SIGMA * random.normal());
  const ae = Math.min(MAX_CENTS, Math.max(100, Math.round(raw * 100)));
  const u = random.float();
  let cp: number;
  if (u < 0.08) cp = 0;
  else if (u < 0.45) cp = ae;
  else if (u < 0.95) cp = Math.round(ae * (0.2 + 0.8 * random.float()));
  else cp = Math.round(ae * (1 + 0.3 * random.float()));
  return [ae, cp];
}

export interface ChorusGeneration {
  readonly beneficiaries: readonly SyntheticBeneficiary[];
  readonly rows: Generator<unknown[]>;
}

/**
 * Synthetic Chorus commitment lines (« données de démonstration »), one per (EJ, poste):
 * real programmes and themes, communes weighted by population, Luhn-valid SIRETs.
 * Deterministic: the same seed and size give the same rows.
 */
export function generateChorusLines(
  options: ChorusOptions,
  programmes: readonly Programme[],
  geo: GeoReference,
  qpvs: ReadonlyMap<string, readonly Qpv[]> = new Map(),
): ChorusGeneration {
  const random = new Random(options.seed);
  const budget = buildBudget(programmes, random);
  const beneficiaries =
    options.lines > 0 ? buildBeneficiaries(Math.ceil(options.lines / 20), random, geo) : [];
  return { beneficiaries, rows: lines(options.lines, random, budget.drawProgramme, beneficiaries, qpvs) };
}

function* lines(
  total: number,
  random: Random,
  drawProgramme: (year: number, random: Random) => BudgetProgramme,
  beneficiaries: readonly SyntheticBeneficiary[],
  qpvs: ReadonlyMap<string, readonly Qpv[]>,
): Generator<unknown[]> {
  const days = daysByYear();
  const yearTable = new AliasTable(YEAR_WEIGHTS);
  const postesTable = new AliasTable(POSTES_WEIGHTS);
  const ejCounters = new Map<number, number>(YEARS.map((y) => [y, 0]));
  let emitted = 0;
  while (emitted < total) {
    const year = YEARS[yearTable.sample(random)] as number;
    // u² skews the draw towards the first beneficiaries: a few get many commitments.
    const u = random.float();
    const beneficiary = beneficiaries[Math.floor(beneficiaries.length * u * u)] as SyntheticBeneficiary;
    const budget = drawProgramme(year, random);
    const { programme } = budget;
    const postes = Math.min(total - emitted, 1 + postesTable.sample(random));
    const counter = (ejCounters.get(year) ?? 0) + 1;
    ejCounters.set(year, counter);
    // 10 digits: 1, the year on two digits, a 7-digit sequence (unique per year).
    const ej = `1${year % 100}${String(counter).padStart(7, '0')}`;
    const yearDays = days.get(year) as string[];
    const date = yearDays[random.int(yearDays.length)];
    const geo = beneficiary.geo;
    const centrePrefix = random.pick(budget.services);
    const logMedian = budget.logMedian + TYPE_SHIFT[beneficiary.type];
    const qpv = demoQpv(ej, qpvs.get(geo[0] ?? ''));
    const qpvName = qpv ? qpvLabel(qpv.nom, geo[1]) : null;
    for (let poste = 1; poste <= postes; poste++) {
      const domaine = budget.domaines[budget.domaineTable.sample(random)] as (typeof budget.domaines)[number];
      const [ae, cp] = amounts(random, logMedian);
      yield [
        ej,
        poste,
        year,
        date,
        programme.code,
        programme.label,
        programme.theme,
        domaine.code,
        random.pick(domaine.referentiels),
        centrePrefix + dep4(geo[4]),
        beneficiary.siret,
        beneficiary.name,
        beneficiary.type,
        beneficiary.typeLabel,
        ae / 100,
        cp / 100,
        geo[0],
        geo[1],
        geo[2],
        geo[3],
        geo[4],
        geo[5],
        geo[6],
        geo[7],
        qpv?.code ?? null,
        qpvName,
      ];
    }
    emitted += postes;
  }
}
