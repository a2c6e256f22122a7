/**
 * What a Chorus layout is: how to recognise its header, how its text is split, and which column
 * holds each field of the normalised records (`records.ts`). One module per layout beside this
 * file; `line-reader.ts` turns a row into a record the same way for all of them.
 */
import type { ChorusLayoutId } from '../records.ts';
import type { Quoting } from '../tokenizer.ts';

/** A column by its header as Chorus writes it; `[name, 2]` for the second column of that name. */
export type ColumnRef = string | readonly [name: string, occurrence: number];

/** Columns every layout reads, AE or CP. */
interface CommonColumns {
  readonly programme: ColumnRef;
  readonly domaineFonctionnel: ColumnRef;
  readonly centreCouts: ColumnRef;
  readonly referentielProgrammation: ColumnRef;
  readonly ej: ColumnRef;
  readonly posteEj: ColumnRef;
  readonly fournisseur: ColumnRef;
  readonly fournisseurLabel: ColumnRef;
  readonly siret: ColumnRef;
  readonly compteGeneral: ColumnRef;
  readonly groupeMarchandise: ColumnRef;
  readonly localisationInterministerielle: ColumnRef;
  readonly montant: ColumnRef;
  /** « Société - Clé » of the national exports: the line's région. */
  readonly societe?: ColumnRef;
}

export interface AeColumns extends CommonColumns {
  /** Replication date of the EJ. */
  readonly dateEngagement: ColumnRef;
}

export interface CpColumns extends CommonColumns {
  readonly dp: ColumnRef;
  /** Date de base de la DP. */
  readonly datePaiement: ColumnRef;
  /** Per-line exercice comptable (AIFE); INF-BUD-53 gives it once, in its preamble. */
  readonly exercice?: ColumnRef;
}

interface LayoutBase {
  readonly id: ChorusLayoutId;
  /** French name shown to the administrator. */
  readonly label: string;
  readonly separator: ',' | ';';
  readonly quoting: Quoting;
  readonly carriesRegion: boolean;
  /** The header row as Chorus writes it, in order (a column named twice appears twice). */
  readonly header: readonly string[];
}

export interface AeLayout extends LayoutBase {
  readonly kind: 'ae';
  readonly columns: AeColumns;
}

export interface CpLayout extends LayoutBase {
  readonly kind: 'cp';
  readonly columns: CpColumns;
}

export type LayoutDefinition = AeLayout | CpLayout;
