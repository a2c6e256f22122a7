/** How many rows of a table or pivot a picture shows: past that, a note says where the rest is. */
export const PICTURE_MAX_ROWS = 60;

/** « Les 60 premières lignes sur 1 234 … », or nothing when every row is shown. */
export function rowsNote(shown: number, total: number): string[] {
  if (total <= shown) return [];
  return [
    `Les ${shown} premières lignes sur ${total.toLocaleString('fr-FR')} sont représentées : téléchargez les données (CSV, XLSX) pour toutes les voir.`,
  ];
}
