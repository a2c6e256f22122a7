import type { Catalogue, DatasetDefinition } from '@dataetat/widgets';
import { chorusLignes } from './datasets/chorus-lignes.ts';
import { dotationsInvestissement } from './datasets/dotations-investissement.ts';
import { financementsPublics } from './datasets/financements-publics.ts';
import { france2030Laureats } from './datasets/france-2030-laureats.ts';
import { politiqueVillePostes } from './datasets/politique-ville-postes.ts';
import { subventionsOperateurs } from './datasets/subventions-operateurs.ts';

/** Every curated dataset, in catalogue order. */
export const datasetDefinitions: readonly DatasetDefinition[] = [
  chorusLignes,
  dotationsInvestissement,
  politiqueVillePostes,
  subventionsOperateurs,
  france2030Laureats,
  financementsPublics,
];

export const catalogue: Catalogue = new Map(datasetDefinitions.map((d) => [d.id, d]));
