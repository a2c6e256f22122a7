/**
 * Years as a sentence says them: runs of consecutive years as ranges, the rest listed —
 * [2021, 2022, 2023] → « 2021–2023 », [2017, 2018, 2019, 2021] → « 2017–2019 et 2021 ».
 */
export function formatYears(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    runs.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  if (runs.length <= 1) return runs[0] ?? '';
  return `${runs.slice(0, -1).join(', ')} et ${runs.at(-1)}`;
}
