/**
 * The contract between the grant file readers (SCDL « subventions », France 2030 winners) and the
 * import job: each layout is read into these normalised records (amounts in integer cents, ISO
 * dates, 14-digit SIRETs, `NaN` and empty as null), so the job never sees a layout's quirks.
 */
import type { FileEncoding, LineProblem } from '../chorus/records.ts';

export type GrantLayoutId = 'scdl-subventions' | 'france-2030';
export type GrantDataset = 'subventions_operateurs' | 'france_2030_laureats';

/** What the reader recognised from the header (never the file name). */
export interface DetectedGrantLayout {
  readonly id: GrantLayoutId;
  /** French name shown to the administrator. */
  readonly label: string;
  readonly dataset: GrantDataset;
  readonly encoding: FileEncoding;
  readonly separator: ',' | ';';
  /** 1-based line of the header. */
  readonly headerLine: number;
}

/** One aid of an SCDL « subventions » file. */
export interface SubventionLine {
  readonly dataset: 'subventions_operateurs';
  readonly line: number;
  readonly attribuantNom: string;
  /** 14 digits, or null when the file gives none. */
  readonly attribuantSiret: string | null;
  /** ISO `YYYY-MM-DD`. */
  readonly dateConvention: string;
  readonly referenceDecision: string | null;
  readonly beneficiaireNom: string;
  readonly beneficiaireSiret: string | null;
  readonly objet: string | null;
  /** Signed integer cents. */
  readonly montantCents: number;
  readonly nature: string | null;
  readonly conditionsVersement: string | null;
  readonly datesPeriodeVersement: string | null;
  readonly notificationUe: string | null;
  /** Share of the project the aid covers, 0–1 as in the schema (1 = 100 %). */
  readonly pourcentageSubvention: number | null;
}

/** One winning project of the France 2030 list. */
export interface France2030Line {
  readonly dataset: 'france_2030_laureats';
  readonly line: number;
  /** ISO date of the decision (`date_dpm`). */
  readonly dateDecision: string;
  readonly operateur: string;
  readonly procedure: string | null;
  readonly projet: string | null;
  readonly beneficiaireNom: string;
  readonly beneficiaireSiret: string | null;
  readonly typologie: string | null;
  /** The région name(s) as written in the file. */
  readonly regions: string | null;
  /** `localisation_geo` as written (`044` = département 44). */
  readonly localisation: string | null;
  readonly acteurEmergent: string | null;
  readonly strategie: string | null;
  readonly objectifCode: string | null;
  readonly objectifLabel: string | null;
  readonly subventionCents: number | null;
  readonly avanceCents: number | null;
  /** Total aid: the file's `montant_aide`, else subvention + avance. */
  readonly aideCents: number;
}

export type GrantLine = SubventionLine | France2030Line;

export type GrantItem =
  | { readonly kind: 'line'; readonly value: GrantLine }
  | { readonly kind: 'problem'; readonly value: LineProblem };
