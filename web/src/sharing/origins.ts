/**
 * Allowed origins of an embed, typed one per line in the dialog. The server checks them again;
 * this gives the editor a French reason per line before sending.
 */
export interface ParsedOrigins {
  readonly origins: string[];
  /** « Ligne 2 : … » for each line that is not an origin. */
  readonly errors: string[];
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;
export const MAX_ORIGINS = 20;

/** `https://host[:port]` (http only for the machine itself), nothing after the port. */
export function parseOrigin(text: string): { origin: string } | { error: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: `« ${text} » n’est pas une adresse (attendu : https://intranet.exemple.gouv.fr).` };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname)))
    return { error: `« ${text} » doit commencer par https://.` };
  if (url.username || url.password) return { error: `« ${text} » ne doit pas contenir d’identifiant.` };
  // An origin is scheme, host and port: a path, a query or a fragment is a mistake worth naming.
  const rest = text.replace(/^[a-z]+:\/\/[^/?#]+/i, '');
  if (rest !== '' && rest !== '/')
    return { error: `« ${text} » doit s’arrêter au nom de domaine (sans chemin : ${url.origin}).` };
  return { origin: url.origin };
}

export function parseOrigins(text: string): ParsedOrigins {
  const origins: string[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const parsed = parseOrigin(line);
    if ('error' in parsed) errors.push(`Ligne ${index + 1} : ${parsed.error}`);
    else if (!origins.includes(parsed.origin)) origins.push(parsed.origin);
  });
  if (origins.length > MAX_ORIGINS) errors.push(`Au plus ${MAX_ORIGINS} origines par intégration.`);
  return { origins, errors };
}
