import { BENEFICIARY_TYPE_LABELS, type BeneficiaryType } from '../beneficiary-types.ts';
import type { Commune, GeoReference } from '../geo-reference.ts';
import { luhnCheckDigit } from '../siret.ts';
import { AliasTable, type Random } from './random.ts';

/**
 * Where a line lands, in table column order: commune, commune_label, epci, epci_label,
 * departement, departement_label, region, region_label. Shared by every line of a commune.
 */
export type GeoColumns = readonly [
  string,
  string,
  string | null,
  string | null,
  string,
  string | null,
  string,
  string | null,
];

export interface SyntheticBeneficiary {
  readonly siret: string;
  readonly name: string;
  readonly type: BeneficiaryType;
  readonly typeLabel: string;
  readonly geo: GeoColumns;
}

const TYPES: readonly { type: BeneficiaryType; weight: number }[] = [
  { type: 'entreprise', weight: 45 },
  { type: 'association', weight: 22 },
  { type: 'collectivite', weight: 22 },
  { type: 'etat', weight: 6 },
  { type: 'autre', weight: 5 },
];

const SURNAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefebvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Mercier',
  'Dupont',
  'Lambert',
  'Bonnet',
  'François',
  'Legrand',
  'Garnier',
  'Faure',
  'Rousseau',
  'Blanc',
  'Guérin',
  'Muller',
  'Henry',
  'Roussel',
  'Nicolas',
  'Perrin',
  'Le Goff',
];
const TRADES = [
  'Travaux publics',
  'Bâtiment',
  'Ingénierie',
  'Énergies',
  'Conseil',
  'Environnement',
  'Rénovation',
  'Transports',
  'Numérique',
  'Paysages',
  'Eau et assainissement',
  'Études urbaines',
  'Menuiserie',
  'Électricité',
  'Génie climatique',
  'Terrassement',
  'Voirie',
  'Restauration collective',
  'Formation',
  'Services',
];
const COMPANY_FORMS = ['SAS', 'SARL', 'SA', 'EURL', 'SASU'];
const ASSOCIATIONS = [
  'Association sportive',
  'Centre social',
  'Comité des fêtes',
  'Association des familles',
  'Mission locale',
  'Régie de quartier',
  'Maison des jeunes et de la culture',
  'Foyer rural',
  'Amicale laïque',
  'Association culturelle',
];
const STATE_SERVICES = [
  'Préfecture',
  'Direction départementale des territoires',
  'Direction départementale de l’emploi, du travail et des solidarités',
  'Collège Jean Moulin',
  'Lycée Victor Hugo',
  'Office français de la biodiversité',
  'Agence de l’eau',
];
const OTHERS = ['SCI', 'Fondation', 'Groupement d’intérêt public', 'Société civile'];

/** « de » before a place name, with French elision and contraction (d’Auxerre, du Havre). */
export function deLieu(nom: string): string {
  if (/^Le /.test(nom)) return `du ${nom.slice(3)}`;
  if (/^Les /.test(nom)) return `des ${nom.slice(4)}`;
  if (/^[AEIOUYÂÉÈÊÎÔÛH]/i.test(nom)) return `d’${nom}`;
  return `de ${nom}`;
}

/** SIREN = type digit + 7 random digits + Luhn key; NIC = 000 + digit + key over all 14. */
export function syntheticSiret(random: Random, type: BeneficiaryType): string {
  const first = type === 'etat' ? '1' : type === 'collectivite' ? '2' : String(3 + random.int(7));
  const sirenBody = first + random.digits(7);
  const siren = sirenBody + luhnCheckDigit(sirenBody);
  const nicBody = `000${1 + random.int(9)}`;
  return siren + nicBody + luhnCheckDigit(siren + nicBody);
}

function syntheticName(random: Random, type: BeneficiaryType, commune: Commune, geo: GeoReference): string {
  const departement = geo.departements.get(commune.departement)?.nom ?? commune.departement;
  switch (type) {
    case 'entreprise': {
      const head = random.float() < 0.5 ? random.pick(SURNAMES) : commune.nom;
      return `${random.pick(TRADES)} ${head} ${random.pick(COMPANY_FORMS)}`;
    }
    case 'association':
      return `${random.pick(ASSOCIATIONS)} ${deLieu(commune.nom)}`;
    case 'collectivite': {
      const u = random.float();
      if (u < 0.2 && commune.epci)
        return geo.epcis.get(commune.epci)?.nom ?? `Commune ${deLieu(commune.nom)}`;
      if (u < 0.3) return `Département – ${departement}`;
      if (u < 0.34) return `Région – ${geo.regions.get(commune.region)?.nom ?? commune.region}`;
      return `Commune ${deLieu(commune.nom)}`;
    }
    case 'etat':
      return `${random.pick(STATE_SERVICES)} – ${departement}`;
    case 'autre':
      return `${random.pick(OTHERS)} ${random.pick(SURNAMES)}`;
  }
}

/**
 * A pool of beneficiaries located in communes drawn by population (COG 2026), so busy
 * territories get more lines. Lines reuse the pool: « nombre de bénéficiaires » is meaningful.
 */
export function buildBeneficiaries(size: number, random: Random, geo: GeoReference): SyntheticBeneficiary[] {
  const communes = [...geo.communes.values()].filter((c) => c.population > 0);
  const communeTable = new AliasTable(communes.map((c) => c.population));
  const typeTable = new AliasTable(TYPES.map((t) => t.weight));
  const geoCache = new Map<string, GeoColumns>();
  const geoOf = (commune: Commune): GeoColumns => {
    let columns = geoCache.get(commune.code);
    if (!columns) {
      const labels = geo.labels(geo.placeCommune(commune));
      columns = [
        commune.code,
        commune.nom,
        commune.epci,
        labels.epci_label,
        commune.departement,
        labels.departement_label,
        commune.region,
        labels.region_label,
      ];
      geoCache.set(commune.code, columns);
    }
    return columns;
  };
  const seen = new Set<string>();
  const pool: SyntheticBeneficiary[] = [];
  while (pool.length < size) {
    const type = (TYPES[typeTable.sample(random)] as (typeof TYPES)[number]).type;
    const commune = communes[communeTable.sample(random)] as Commune;
    const siret = syntheticSiret(random, type);
    if (seen.has(siret)) continue;
    seen.add(siret);
    pool.push({
      siret,
      name: syntheticName(random, type, commune, geo),
      type,
      typeLabel: BENEFICIARY_TYPE_LABELS[type],
      geo: geoOf(commune),
    });
  }
  return pool;
}
