import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/**
 * A generated Chorus INF-BUD-53 AE report (regional, the seed pack's layout: 7 preamble lines,
 * the header, `,`-separated, amounts with a decimal comma) of any size, written as a stream: the
 * crash test and the import benchmark import it. Deterministic; every line is valid; about one
 * EJ in three has two postes; totals are returned so a caller can check what was imported.
 */

const PREAMBLE = [
  'INF-BUD-53 : Pilotage de la gestion - Vue détaillée,,,,,,,,,,,,,,,,',
  'Dernière MàJ des données :,,,,,,,,,,,,,,,,',
  '03.02.2023 05:32:09,,,,,,,,,,,,,,,,',
  'Affichage :,,,,,,,,,,,,,,,,',
  'Engagements générés pour les essais,,,,,,,,,,,,,,,,',
  ',,,,,,,,,,,,,,,Exercice comptable,2023',
  ',,,,,,,,,,,,,,,,Montant engagé',
  "Programme,Domaine fonctionnel,Centre de coûts,Référentiel de programmation,N° EJ,Date de réplication,N° poste EJ,Date de dernière modif. de l'EJ,Fournisseur titulaire principal (EJ),Fournisseur titulaire principal (EJ),Code taxe 1,Compte général,Compte budgétaire,Groupe de marchandises,Contrat de projet Etat-Region,Contrat de projet Etat-Region,Localisation interministérielle,EUR",
];

const PROGRAMMES = ['103', '104', '135', '152', '177', '181', '354', '362', '363', '380'];
/** Localisations spelling a Breton commune, a département, or the région only. */
const LOCALISATIONS = ['N5335238', 'N5329019', 'N5356260', 'N5322278', 'N5335', 'N53', 'S198063'];
const CENTRES = ['BG00/DREETS0035', 'BG00/DDTM0029', 'BG00/PRFSG00035'];

/** One line of a small INF-BUD-53 AE report written for a test. */
export interface ChorusAeLineSpec {
  readonly programme: string;
  readonly domaineFonctionnel: string;
  /** Without its `BG00/` prefix; null writes `#`. */
  readonly centreCouts: string | null;
  readonly ej: string;
  /** `dd.mm.yyyy`. */
  readonly date: string;
  readonly siret: string;
  /** null writes `#`. */
  readonly localisation: string | null;
  readonly cents: number;
  /** `09.02.01` when not given. */
  readonly groupeMarchandise?: string;
}

/** A small INF-BUD-53 AE report (the seed pack's layout) holding exactly `lines`. */
export function chorusAeReport(lines: readonly ChorusAeLineSpec[]): string {
  const body = lines.map(
    (l, i) =>
      `${l.programme},${l.domaineFonctionnel},${l.centreCouts ? `BG00/${l.centreCouts}` : '#'},BG00/0${l.programme}00000108,` +
      `${l.ej},${l.date},1,${l.date},100${i},FOURNISSEUR ${i} SAS,${l.siret},PCE/6522800000,Transferts aux entre,` +
      `${l.groupeMarchandise ?? '09.02.01'},#,Non affecté,${l.localisation ?? '#'},"${Math.floor(l.cents / 100)},${String(l.cents % 100).padStart(2, '0')}"`,
  );
  return `${[...PREAMBLE, ...body].join('\n')}\n`;
}

export interface GeneratedChorusFile {
  readonly lines: number;
  readonly bytes: number;
  /** Sum of every line's amount, in cents. */
  readonly totalCents: number;
}

export async function writeChorusAeFile(path: string, lines: number): Promise<GeneratedChorusFile> {
  const out = createWriteStream(path);
  let bytes = 0;
  let totalCents = 0;
  let buffer = `${PREAMBLE.join('\n')}\n`;
  let ej = 2_103_000_000;
  let poste = 1;
  for (let i = 0; i < lines; i++) {
    // A second poste on one EJ in three.
    if (poste === 2 || i % 3 !== 1) {
      ej++;
      poste = 1;
    } else poste = 2;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    const cents = 10_000 + ((i * 7_919) % 5_000_000);
    totalCents += cents;
    const amount = `"${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}"`;
    const programme = PROGRAMMES[i % PROGRAMMES.length] as string;
    const siret = String(30_000_000_000_000 + ((i * 104_729) % 9_000_000_000_000));
    buffer +=
      `${programme},0${programme}-01-01,${CENTRES[i % CENTRES.length]},BG00/0${programme}00000108,${ej},` +
      `${day}.${month}.2023,${poste},${day}.${month}.2023,100${i % 1_000_000},FOURNISSEUR ${i % 50_000} SAS,` +
      `${siret},PCE/6522800000,Transferts aux entre,09.02.01,#,Non affecté,` +
      `${LOCALISATIONS[i % LOCALISATIONS.length]},${amount}\n`;
    if (buffer.length >= 1 << 20) {
      bytes += Buffer.byteLength(buffer);
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  bytes += Buffer.byteLength(buffer);
  out.end(buffer);
  await once(out, 'finish');
  return { lines, bytes, totalCents };
}
