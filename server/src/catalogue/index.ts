import type { Catalogue, DatasetDefinition } from '@dataetat/widgets';
import { dotationsInvestissement } from './datasets/dotations-investissement.ts';

/** Every curated dataset, in catalogue order. */
export const datasetDefinitions: readonly DatasetDefinition[] = [dotationsInvestissement];

export const catalogue: Catalogue = new Map(datasetDefinitions.map((d) => [d.id, d]));
