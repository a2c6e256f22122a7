/**
 * The grant layouts: which header columns say what (several spellings of one column), which the
 * import needs, and how a record becomes a normalised line or its problems (French, per field).
 */
import { normaliseSiret, parseAmountCents, parseDate } from '../chorus/normalise.ts';
import type { LineProblem } from '../chorus/records.ts';
import type { France2030Line, GrantDataset, GrantLayoutId, GrantLine, SubventionLine } from './records.ts';

export interface GrantColumn {
  /** Spellings met in files; compared once folded (`headerKey`). */
  readonly names: readonly string[];
  /** A file without it is refused (the line cannot be imported without it). */
  readonly required: boolean;
}

/** Reads one record: a field by column key (decoded, trimmed; null when absent or empty). */
export type FieldOf<K extends string> = (key: K) => string | null;

export interface GrantLayout<K extends string = string> {
  readonly id: GrantLayoutId;
  readonly label: string;
  readonly dataset: GrantDataset;
  readonly columns: Readonly<Record<K, GrantColumn>>;
  /** Reads a record; pushes one problem per wrong field and returns null when there is any. */
  parse(
    field: FieldOf<K>,
    line: number,
    header: (key: K) => string,
    problems: LineProblem[],
  ): GrantLine | null;
}

/** `Nom de l’attribuant`, `nomAttribuant`, `nom_attribuant` → `nomdelattribuant`/`nomattribuant`. */
export function headerKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Reads the typed fields of one record, noting what cannot be read. */
class FieldReader<K extends string> {
  constructor(
    private readonly field: FieldOf<K>,
    private readonly line: number,
    private readonly header: (key: K) => string,
    readonly problems: LineProblem[],
  ) {}

  private problem(key: K, value: string, reason: string): null {
    this.problems.push({ line: this.line, column: this.header(key), value, reason });
    return null;
  }

  text(key: K): string | null {
    return this.field(key);
  }

  required(key: K, what: string): string | null {
    return this.field(key) ?? this.problem(key, '', `${what} manquant : la ligne ne peut pas être importée.`);
  }

  date(key: K): string | null {
    const raw = this.field(key);
    if (raw === null) return this.problem(key, '', 'Date manquante : l’année de la ligne en dépend.');
    return (
      parseDate(raw) ??
      this.problem(key, raw, 'Date illisible (attendu AAAA-MM-JJ ou JJ/MM/AAAA, jour existant).')
    );
  }

  /** An amount, or null when absent (`undefined` when present but unreadable: a problem is noted). */
  amount(key: K): number | null | undefined {
    const raw = this.field(key);
    if (raw === null) return null;
    const cents = parseAmountCents(raw);
    if (cents !== null) return cents;
    this.problem(
      key,
      raw,
      'Montant illisible (attendu un nombre en euros, ex. « 12 500,50 » ou « 12500.5 »).',
    );
    return undefined;
  }

  siret(key: K): string | null | undefined {
    const raw = this.field(key);
    if (raw === null) return null;
    const siret = normaliseSiret(raw);
    if (siret !== null) return siret;
    this.problem(key, raw, 'SIRET invalide (attendu 14 chiffres).');
    return undefined;
  }
}

/** `NaN` (pandas' export of a missing value) and empty cells are absent. */
export const isMissing = (value: string) => value === '' || value === 'NaN' || value === 'nan';

type ScdlKey =
  | 'nomAttribuant'
  | 'idAttribuant'
  | 'dateConvention'
  | 'referenceDecision'
  | 'nomBeneficiaire'
  | 'idBeneficiaire'
  | 'objet'
  | 'montant'
  | 'nature'
  | 'conditionsVersement'
  | 'datesPeriodeVersement'
  | 'idRAE'
  | 'notificationUE'
  | 'pourcentageSubvention';

const required = (...names: string[]): GrantColumn => ({ names, required: true });
const optional = (...names: string[]): GrantColumn => ({ names, required: false });

/** National SCDL « subventions » schema (schema.data.gouv.fr/scdl/subventions), as ADEME publishes it. */
export const scdlSubventions: GrantLayout<ScdlKey> = {
  id: 'scdl-subventions',
  label: 'SCDL « subventions » (aides des opérateurs)',
  dataset: 'subventions_operateurs',
  columns: {
    nomAttribuant: required('nomAttribuant', 'Nom de l attribuant', 'Nom de l’attribuant'),
    idAttribuant: required('idAttribuant'),
    dateConvention: required('dateConvention'),
    referenceDecision: optional('referenceDecision'),
    nomBeneficiaire: required('nomBeneficiaire'),
    idBeneficiaire: required('idBeneficiaire'),
    objet: optional('objet'),
    montant: required('montant'),
    nature: optional('nature'),
    conditionsVersement: optional('conditionsVersement'),
    datesPeriodeVersement: optional('datesPeriodeVersement'),
    idRAE: optional('idRAE'),
    notificationUE: optional('notificationUE'),
    pourcentageSubvention: optional('pourcentageSubvention'),
  },
  parse(field, line, header, problems): SubventionLine | null {
    const read = new FieldReader(field, line, header, problems);
    const before = problems.length;
    const attribuantNom = read.required('nomAttribuant', 'Nom de l’attribuant');
    const attribuantSiret = read.siret('idAttribuant');
    const dateConvention = read.date('dateConvention');
    const beneficiaireNom = read.required('nomBeneficiaire', 'Nom du bénéficiaire');
    const beneficiaireSiret = read.siret('idBeneficiaire');
    const montant = read.amount('montant');
    if (montant === null) read.required('montant', 'Montant');
    const rawShare = field('pourcentageSubvention');
    const share = rawShare === null ? null : Number(rawShare.replace(',', '.').replace('%', ''));
    if (rawShare !== null && (!Number.isFinite(share) || (share as number) < 0 || (share as number) > 100)) {
      problems.push({
        line,
        column: header('pourcentageSubvention'),
        value: rawShare,
        reason: 'Pourcentage de subvention illisible (attendu un nombre entre 0 et 1).',
      });
    }
    if (problems.length > before) return null;
    return {
      dataset: 'subventions_operateurs',
      line,
      attribuantNom: attribuantNom as string,
      attribuantSiret: attribuantSiret ?? null,
      dateConvention: dateConvention as string,
      referenceDecision: read.text('referenceDecision'),
      beneficiaireNom: beneficiaireNom as string,
      beneficiaireSiret: beneficiaireSiret ?? null,
      objet: read.text('objet'),
      montantCents: montant as number,
      nature: read.text('nature'),
      conditionsVersement: read.text('conditionsVersement'),
      datesPeriodeVersement: read.text('datesPeriodeVersement'),
      notificationUe: read.text('notificationUE')?.toUpperCase() ?? null,
      // A share written as a percentage (« 80 ») is brought back to the schema's 0–1.
      pourcentageSubvention: share === null ? null : share > 1 ? share / 100 : share,
    };
  },
};

type France2030Key =
  | 'date'
  | 'operateur'
  | 'procedure'
  | 'projet'
  | 'beneficiaire'
  | 'siret'
  | 'typologie'
  | 'regions'
  | 'localisation'
  | 'acteurEmergent'
  | 'strategie'
  | 'codeNomenclature'
  | 'nomenclature'
  | 'subvention'
  | 'avance'
  | 'aide';

/** The France 2030 winners' list (data.gouv.fr), `NaN` for a missing value. */
export const france2030: GrantLayout<France2030Key> = {
  id: 'france-2030',
  label: 'France 2030 — lauréats',
  dataset: 'france_2030_laureats',
  columns: {
    date: required('date_dpm'),
    operateur: required('operateur'),
    procedure: required('procedure'),
    projet: required('nom_projet'),
    beneficiaire: required('nom_beneficiaire'),
    siret: required('siret'),
    typologie: optional('typologie'),
    regions: required('regions'),
    localisation: required('localisation_geo'),
    acteurEmergent: optional('acteur_emergent'),
    strategie: optional('nom_strategie'),
    codeNomenclature: optional('code_nomenclature'),
    nomenclature: optional('nomenclature'),
    subvention: required('montant_subvention'),
    avance: required('montant_avance_remboursable'),
    aide: required('montant_aide'),
  },
  parse(field, line, header, problems): France2030Line | null {
    const read = new FieldReader(field, line, header, problems);
    const before = problems.length;
    const dateDecision = read.date('date');
    const operateur = read.required('operateur', 'Opérateur');
    const beneficiaireNom = read.required('beneficiaire', 'Nom du bénéficiaire');
    const beneficiaireSiret = read.siret('siret');
    const subvention = read.amount('subvention');
    const avance = read.amount('avance');
    const aide = read.amount('aide');
    let aideCents: number | null = null;
    if (aide !== undefined && subvention !== undefined && avance !== undefined) {
      aideCents = aide ?? (subvention === null && avance === null ? null : (subvention ?? 0) + (avance ?? 0));
      if (aideCents === null) {
        problems.push({
          line,
          column: header('aide'),
          value: '',
          reason:
            'Aucun montant (ni aide, ni subvention, ni avance remboursable) : la ligne ne peut pas être importée.',
        });
      }
    }
    if (problems.length > before) return null;
    return {
      dataset: 'france_2030_laureats',
      line,
      dateDecision: dateDecision as string,
      operateur: operateur as string,
      procedure: read.text('procedure'),
      projet: read.text('projet'),
      beneficiaireNom: beneficiaireNom as string,
      beneficiaireSiret: beneficiaireSiret ?? null,
      typologie: read.text('typologie'),
      regions: read.text('regions'),
      localisation: read.text('localisation'),
      acteurEmergent: read.text('acteurEmergent'),
      strategie: read.text('strategie'),
      objectifCode: read.text('codeNomenclature'),
      objectifLabel: read.text('nomenclature'),
      subventionCents: subvention ?? null,
      avanceCents: avance ?? null,
      aideCents: aideCents as number,
    };
  },
};

export const GRANT_LAYOUTS: readonly GrantLayout[] = [
  scdlSubventions as unknown as GrantLayout,
  france2030 as unknown as GrantLayout,
];
