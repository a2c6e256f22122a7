import type { Catalogue, DatasetDefinition } from '@dataetat/widgets';
import { chorusLignes } from './datasets/chorus-lignes.ts';
import { dotationsInvestissement } from './datasets/dotations-investissement.ts';
import { politiqueVillePostes } from './datasets/politique-ville-postes.ts';

/** Every curated dataset, in catalogue order. */
export const datasetDefinitions: readonly DatasetDefinition[] = [
  chorusLignes,
  dotationsInvestissement,
  politiqueVillePostes,
];

export const catalogue: Catalogue = new Map(datasetDefinitions.map((d) => [d.id, d]));
