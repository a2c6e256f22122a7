/**
 * Chorus « Société » codes (column « Société - Clé » of the national exports) → INSEE région.
 *
 * Chorus still splits the State's accounts by the régions of before 2016: each old région maps
 * to the région that absorbed it (COG 2016+). Central administration, the DILA and the CSPE
 * account are national (no région); so is « ETR1 » (abroad), which no INSEE région holds.
 *
 * Source: the public Data-État back end (dataregion/DataEtatRegion-back,
 * `models/src/models/entities/refs/Region.py`, table `comp_code_region`), read to learn the codes;
 * this table is ours, checked against the COG région list in `societes.test.ts`.
 */
const SOCIETE_REGION: Readonly<Record<string, string | null>> = {
  ADCE: null, // Administration centrale
  DILA: null, // Direction de l'information légale et administrative
  CSPE: null, // Contribution au service public de l'électricité
  ETR1: null, // Étranger
  ALSA: '44', // Alsace → Grand Est
  AQUI: '75', // Aquitaine → Nouvelle-Aquitaine
  AUVE: '84', // Auvergne → Auvergne-Rhône-Alpes
  BNOR: '28', // Basse-Normandie → Normandie
  BOUR: '27', // Bourgogne → Bourgogne-Franche-Comté
  BRET: '53', // Bretagne
  CENT: '24', // Centre → Centre-Val de Loire
  CHAR: '44', // Champagne-Ardenne → Grand Est
  CORS: '94', // Corse
  DOM1: '01', // Guadeloupe
  DOM2: '02', // Martinique
  DOM3: '03', // Guyane
  DOM4: '04', // La Réunion
  FRCO: '27', // Franche-Comté → Bourgogne-Franche-Comté
  HNOR: '28', // Haute-Normandie → Normandie
  IDF1: '11', // Île-de-France
  LANG: '76', // Languedoc-Roussillon → Occitanie
  LIMO: '75', // Limousin → Nouvelle-Aquitaine
  LORR: '44', // Lorraine → Grand Est
  MIPY: '76', // Midi-Pyrénées → Occitanie
  NORP: '32', // Nord-Pas-de-Calais → Hauts-de-France
  PACA: '93', // Provence-Alpes-Côte d'Azur
  PAYL: '52', // Pays de la Loire
  PICA: '32', // Picardie → Hauts-de-France
  POIT: '75', // Poitou-Charentes → Nouvelle-Aquitaine
  RALP: '84', // Rhône-Alpes → Auvergne-Rhône-Alpes
};

/** Every known Société code, sorted (for messages and tests). */
export const KNOWN_SOCIETES: readonly string[] = Object.keys(SOCIETE_REGION).sort();

/**
 * The région of a Société code: an INSEE code, `null` for a national one, `undefined` when the
 * code is unknown (the line cannot be placed: the reader reports it).
 */
export function regionOfSociete(code: string): string | null | undefined {
  return Object.hasOwn(SOCIETE_REGION, code) ? SOCIETE_REGION[code] : undefined;
}
