/**
 * A large, realistic INF-BUD-53 commitments report (AE) written to disk for the reading
 * benchmark: the sample's preamble and header, then lines with real programme codes, prefixes,
 * `#`, accented labels (some with a comma, hence quoted), decimal-comma amounts in quotes,
 * negative ones (désengagements), SIRETs or `#`. Deterministic (seeded), so every run reads the
 * same bytes. About 215 bytes a line.
 */

import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';

const PROGRAMMES = [
  101, 102, 103, 104, 105, 107, 109, 112, 113, 119, 122, 123, 129, 134, 135, 138, 140, 141, 147, 149, 150,
  152, 161, 162, 163, 172, 174, 176, 177, 181, 203, 205, 206, 207, 209, 215, 216, 217, 219, 224, 230, 231,
  302, 303, 304, 307, 333, 343, 348, 349, 354, 361, 362, 363, 364, 380,
];
const CENTRES = [
  'DREETS0035',
  'DDTM035',
  'DSJCARE035',
  'GN5GDPL044',
  'PREF035',
  'DRAC053',
  'DREAL053',
  'DDETS29',
];
const SUPPLIERS = [
  'COMMUNE DE RENNES',
  'ATLAS SOUTENIR LES COMPETENCES',
  'ASSOCIATION LES PAPILLONS BLANCS',
  "SOCIÉTÉ D'ÉCONOMIE MIXTE DU PAYS DE BREST",
  'RÉGIE DES EAUX, ASSAINISSEMENT',
  'CENTRE HOSPITALIER RÉGIONAL UNIVERSITAIRE',
  'RENNES MÉTROPOLE',
  'LYCÉE PROFESSIONNEL JEAN-MOULIN',
  'CAISSE D’ALLOCATIONS FAMILIALES',
  'ENTREPRISE BÂTIMENT ET TRAVAUX, SARL',
];
const COMPTES_BUDGETAIRES = [
  'Transferts aux entre',
  'Transferts aux colle',
  'Dépenses de fonction',
  'Transferts aux ménag',
];
const LOCALISATIONS = ['N53', 'N35', 'N29', 'S198063', 'N5335238', 'N'];

/** mulberry32: a small seeded generator (the same file on every machine). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');
const csv = (text: string) => (text.includes(',') ? `"${text}"` : text);

/** The sample report's 7 preamble lines and header. */
function preambleAndHeader(seedDir: string): string {
  const sample = readFileSync(path.join(seedDir, 'formats/chorus/regional/chorus_ae.csv'), 'utf8');
  return `${sample.split('\n').slice(0, 8).join('\n')}\n`;
}

/** Writes the file unless it already exists; returns its path and whether it was written now. */
export async function infBud53File(
  dir: string,
  seedDir: string,
  lines: number,
): Promise<{ readonly file: string; readonly bytes: number; readonly generatedMs: number | null }> {
  const file = path.join(dir, `inf-bud-53-ae-${lines}.csv`);
  if (existsSync(file)) return { file, bytes: statSync(file).size, generatedMs: null };
  mkdirSync(dir, { recursive: true });
  const started = performance.now();
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  out.write(preambleAndHeader(seedDir));
  const next = random(20_240_808);
  const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)] as T;
  let batch = '';
  for (let i = 0; i < lines; i++) {
    const programme = pick(PROGRAMMES);
    const day = `${pad(1 + Math.floor(next() * 28), 2)}.${pad(1 + Math.floor(next() * 12), 2)}.${2021 + Math.floor(next() * 4)}`;
    const siret = next() < 0.1 ? '#' : pad(Math.floor(next() * 1e14), 14);
    const cents = Math.floor(next() * 5_000_000_00) * (next() < 0.04 ? -1 : 1);
    const euros = `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}`;
    const amount = next() < 0.6 ? `"${euros},${pad(Math.abs(cents) % 100, 2)}"` : euros;
    batch +=
      `${programme},0${programme}-0${1 + Math.floor(next() * 9)}-0${1 + Math.floor(next() * 9)},BG00/${pick(CENTRES)},` +
      `BG00/0${programme}${pad(Math.floor(next() * 1e8), 8)},${2_100_000_000 + Math.floor(next() * 9e8)},${day},` +
      `${1 + Math.floor(next() * 20)},${day},${1_000_000_000 + Math.floor(next() * 9e8)},${csv(pick(SUPPLIERS))},` +
      `${siret},PCE/65${pad(Math.floor(next() * 1e8), 8)},${pick(COMPTES_BUDGETAIRES)},0${1 + Math.floor(next() * 9)}.0${Math.floor(next() * 10)}.01,` +
      `#,Non affecté,${pick(LOCALISATIONS)},${amount}\n`;
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(batch);
  await once(out, 'finish');
  renameSync(partial, file);
  return { file, bytes: statSync(file).size, generatedMs: performance.now() - started };
}
