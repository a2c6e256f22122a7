import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Quartiers prioritaires de la politique de la ville (QPV), the fifth territorial level, below
 * the commune. The seed pack has the 2015 boundaries of Occitanie only (ANCT, 105 quartiers):
 * other régions' QPV codes are accepted in data but have no shape to draw.
 */

/** Relative to the seed dir. */
export const QPV_FILE = 'qpv/qpv-2015-occitanie.geojson';

/** Who drew the boundaries (shown under maps with the COG attribution). */
export const QPV_ATTRIBUTION = 'QPV 2015 : ANCT (Occitanie)';

export interface Qpv {
  /** 2015 code (`QP031003`). */
  readonly code: string;
  readonly nom: string;
  /** COG code of the commune the quartier lies in. */
  readonly commune: string;
  readonly departement: string;
}

/**
 * A quartier's name with its commune's: « Centre ancien » exists in several communes, so the
 * name alone does not say which one. Used by the boundaries and by the data alike.
 */
export function qpvLabel(nom: string, commune: string | null | undefined): string {
  return commune ? `${nom} (${commune})` : nom;
}

/**
 * The name data gives a quartier code: « Nom (Commune) » when the boundary file has it (`named`),
 * else the code in words — a 2024 code says so (the boundaries are 2015's).
 */
export function quartierLabel(code: string, named: ReadonlyMap<string, string>): string {
  return named.get(code) ?? (code.startsWith('QN') ? `Quartier ${code} (code 2024)` : `Quartier ${code}`);
}

/**
 * A QPV code as written by the State: 2015 (`QP` + département on 3 characters + 3 digits,
 * `QP044017`, `QP02A001`) or 2024 (`QN` + 6 characters, `QN04417I`), upper-cased, blanks
 * removed. « NR » (not a QPV), blank or anything else gives null.
 */
export function normaliseQpvCode(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const code = raw.replace(/\s+/g, '').toUpperCase();
  return /^QP(\d{3}|02[AB])\d{3}$/.test(code) || /^QN[0-9A-Z]{6}$/.test(code) ? code : null;
}

interface QpvFileProperties {
  code_qp?: unknown;
  nom_qp?: unknown;
  code_commune?: unknown;
  nom_commune?: unknown;
  code_departement?: unknown;
}

/** The quartiers of the seed pack (properties only), or none when it has no QPV file. */
export function readQpvs(seedDir: string | null): Qpv[] {
  const file = seedDir ? path.join(seedDir, QPV_FILE) : null;
  if (!file || !existsSync(file)) return [];
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { features?: { properties?: QpvFileProperties }[] };
  const qpvs: Qpv[] = [];
  for (const feature of raw.features ?? []) {
    const p = feature.properties ?? {};
    const code = normaliseQpvCode(p.code_qp);
    if (!code || typeof p.code_commune !== 'string' || typeof p.nom_qp !== 'string') continue;
    qpvs.push({
      code,
      nom: p.nom_qp,
      commune: p.code_commune,
      departement: typeof p.code_departement === 'string' ? p.code_departement : p.code_commune.slice(0, 2),
    });
  }
  return qpvs;
}

/** Quartiers by the commune they lie in, each list sorted by code (a stable order for the demo). */
export function qpvsByCommune(qpvs: readonly Qpv[]): Map<string, Qpv[]> {
  const byCommune = new Map<string, Qpv[]>();
  for (const qpv of qpvs) byCommune.set(qpv.commune, [...(byCommune.get(qpv.commune) ?? []), qpv]);
  for (const list of byCommune.values()) list.sort((a, b) => (a.code < b.code ? -1 : 1));
  return byCommune;
}
