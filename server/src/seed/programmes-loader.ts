import { PROGRAMMES_FILE, readProgrammes } from './programmes.ts';
import type { SeedLoader } from './types.ts';

/** Budget reference: LOLF programmes (4-digit codes) and their themes (missions). */
export const programmesLoader: SeedLoader = {
  dataset: 'reference_programmes',
  version: 1,
  source: `Seed pack ${PROGRAMMES_FILE} (+ programme 0380 Fonds vert, absent du fichier)`,
  tables: ['ref_programmes', 'ref_themes'],
  inputs: async () => [PROGRAMMES_FILE],
  async load({ seedDir, warehouse }) {
    const programmes = readProgrammes(seedDir);
    const programmesLoaded = await warehouse.replaceTable(
      {
        name: 'ref_programmes',
        columns: [
          { name: 'code', type: 'text' },
          { name: 'label', type: 'text' },
          { name: 'theme', type: 'text' },
        ],
      },
      programmes.map((p) => [p.code, p.label, p.theme]),
    );
    const themes = new Map<string, number>();
    for (const p of programmes) if (p.theme) themes.set(p.theme, (themes.get(p.theme) ?? 0) + 1);
    const themesLoaded = await warehouse.replaceTable(
      {
        name: 'ref_themes',
        columns: [
          { name: 'label', type: 'text' },
          { name: 'nb_programmes', type: 'integer' },
        ],
      },
      [...themes.entries()].sort((a, b) => a[0].localeCompare(b[0], 'fr')),
    );
    return {
      rowsLoaded: programmesLoaded + themesLoaded,
      rowsUnplaced: 0,
      rowsRejected: 0,
      report: {
        programmes: programmesLoaded,
        themes: themesLoaded,
        supplement: programmes.filter((p) => p.supplement).map((p) => p.code),
        withoutTheme: programmes.filter((p) => !p.theme).map((p) => p.code),
      },
    };
  },
};
