import { NATIONAL_SCOPE } from '../auth/roles.ts';
import { referenceCatalogue } from '../catalogue/reference.ts';
import type { Services } from '../services.ts';

const known = new WeakMap<Services, Promise<Set<string>>>();

/** Région codes of the COG reference (loaded with the seed pack), read once per process. */
function regionCodes(services: Services): Promise<Set<string>> {
  let codes = known.get(services);
  if (!codes) {
    codes = (async () => {
      const { compiled } = services.queries.planQuery(
        { dataset: 'regions', dimensions: ['code'], measures: [], limit: 1000 },
        { scope: NATIONAL_SCOPE },
        { catalogue: referenceCatalogue },
      );
      const result = await services.queries.runCompiled(compiled);
      return new Set(result.rows.map((row) => String(row[0])));
    })();
    codes.catch(() => known.delete(services));
    known.set(services, codes);
  }
  return codes;
}

/** NAT, or the code of a région of the reference. */
export async function isValidScope(services: Services, scope: string): Promise<boolean> {
  if (scope === NATIONAL_SCOPE) return true;
  return (await regionCodes(services)).has(scope);
}
