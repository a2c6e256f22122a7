import type { DatasetDefinition } from '@dataetat/widgets';
import { chorusLignes } from '../catalogue/datasets/chorus-lignes.ts';
import { dotationsInvestissement } from '../catalogue/datasets/dotations-investissement.ts';
import { france2030Laureats } from '../catalogue/datasets/france-2030-laureats.ts';
import { politiqueVillePostes } from '../catalogue/datasets/politique-ville-postes.ts';
import { subventionsOperateurs } from '../catalogue/datasets/subventions-operateurs.ts';
import { CHORUS_LIGNES_COLUMNS, CHORUS_ROLLUPS, CHORUS_TABLE } from '../chorus/tables.ts';
import { FRANCE_2030_TABLE, SUBVENTIONS_TABLE } from '../imports/grants/tables.ts';
import { DOTATIONS_TAGGED } from '../seed/dotations-loader.ts';
import { POLITIQUE_VILLE_TAGGED } from '../seed/politique-ville-loader.ts';
import type { RebuiltTable } from '../warehouse/types.ts';

/** Every tagged dataset's table as written before its tags, with its derived tables. */
export interface TaggedTable {
  readonly dataset: DatasetDefinition;
  readonly table: Omit<RebuiltTable, 'select'>;
}

export const TAGGED_TABLES: readonly TaggedTable[] = [
  {
    dataset: chorusLignes,
    table: { name: CHORUS_TABLE, columns: CHORUS_LIGNES_COLUMNS, derived: CHORUS_ROLLUPS },
  },
  { dataset: dotationsInvestissement, table: DOTATIONS_TAGGED },
  { dataset: politiqueVillePostes, table: POLITIQUE_VILLE_TAGGED },
  { dataset: subventionsOperateurs, table: SUBVENTIONS_TABLE },
  { dataset: france2030Laureats, table: FRANCE_2030_TABLE },
];
