/** Options of the `table` widget (DESIGN.md §6): a server-paged, sortable table. */
import Type from 'typebox';
import { choiceOption, optionsSchema, type ResolvedOptions, resolveOptions } from '../widget/options.ts';
import { DEFAULT_PAGE_SIZE, PAGE_SIZES } from './query.ts';

export const tableOptions = optionsSchema({
  pageSize: choiceOption(
    PAGE_SIZES.map((n) => [n, String(n)] as const),
    {
      default: DEFAULT_PAGE_SIZE,
      title: 'Lignes par page',
      description: 'Demandées au serveur comme `limit` ; le lecteur peut en changer.',
    },
  ),
  // Set by the column chooser, not by a form: the reader can show these columns again.
  hiddenColumns: Type.Array(Type.String({ minLength: 1 }), {
    default: [],
    uniqueItems: true,
    description: 'Identifiants des colonnes masquées au départ.',
  }),
  codes: choiceOption(
    [
      // The label, with the code under it in a secondary style.
      ['label-code', 'Libellé, code en dessous'],
      ['code-label', '« 35 — Ille-et-Vilaine »'],
      ['code', 'Code seul'],
    ],
    { default: 'label-code', title: 'Codes et libellés' },
  ),
  totals: Type.Boolean({
    default: true,
    title: 'Ligne de total',
    description: 'Affichée quand la requête a des mesures et des dimensions.',
  }),
});

export type ResolvedTableOptions = ResolvedOptions<typeof tableOptions>;
/** Stored table options: any key may be left out. */
export type TableOptions = Partial<ResolvedTableOptions>;
/** How a coded dimension (département, bénéficiaire…) shows its code and label. */
export type CodeDisplay = ResolvedTableOptions['codes'];

export function resolveTableOptions(
  options: TableOptions | Readonly<Record<string, unknown>>,
): ResolvedTableOptions {
  return resolveOptions(tableOptions, options);
}
