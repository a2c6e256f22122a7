/**
 * Class breaks for choropleths. A classification is the list of class bounds
 * `[min, b1, …, max]`: class i holds the values in `(bounds[i], bounds[i + 1]]` (the first class
 * also holds `min`). Equal bounds are merged, so a classification may have fewer classes than
 * asked when the data has few distinct values.
 */

export type Classification = 'quantiles' | 'jenks';

const sortedFinite = (values: readonly number[]) =>
  values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);

/**
 * Merges equal bounds, except the first two: `[1, 1, 5]` is a class holding only the minimum
 * (a common case, many areas at the same smallest value), then `(1, 5]`.
 */
function dedupe(bounds: number[]): number[] {
  return bounds.filter((b, i) => i < 2 || b !== bounds[i - 1]);
}

/** Quantile at p of sorted values (linear interpolation between order statistics, R type 7). */
function quantileOfSorted(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const lower = Math.floor(position);
  const low = sorted[lower] ?? 0;
  const high = sorted[Math.min(lower + 1, sorted.length - 1)] ?? low;
  return low + (high - low) * (position - lower);
}

/** Equal-count classes: each holds about the same number of areas. */
export function quantileBreaks(values: readonly number[], classes: number): number[] {
  const sorted = sortedFinite(values);
  if (sorted.length === 0) return [];
  const bounds = [sorted[0] ?? 0];
  for (let i = 1; i < classes; i++) bounds.push(quantileOfSorted(sorted, i / classes));
  bounds.push(sorted[sorted.length - 1] ?? 0);
  return dedupe(bounds);
}

/** Above this many values Jenks runs on evenly spaced order statistics (O(k·n²) otherwise). */
export const JENKS_SAMPLE = 1000;

function sampleSorted(sorted: readonly number[], size: number): number[] {
  if (sorted.length <= size) return [...sorted];
  const sample: number[] = [];
  for (let i = 0; i < size; i++) {
    sample.push(sorted[Math.round((i * (sorted.length - 1)) / (size - 1))] ?? 0);
  }
  return sample;
}

/**
 * Jenks natural breaks (Fisher's exact optimal partition): the split of the sorted values into
 * `classes` contiguous groups minimising the sum of squared deviations from each group's mean.
 * Dynamic programming over prefix sums; class bounds are the groups' maxima, so every bound is a
 * data value. Large inputs are sampled (min and max always kept).
 */
export function jenksBreaks(values: readonly number[], classes: number): number[] {
  const all = sortedFinite(values);
  if (all.length === 0) return [];
  const data = sampleSorted(all, JENKS_SAMPLE);
  const n = data.length;
  const k = Math.max(1, Math.min(classes, n));
  const prefix = new Float64Array(n + 1);
  const prefixSq = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const v = data[i] ?? 0;
    prefix[i + 1] = (prefix[i] ?? 0) + v;
    prefixSq[i + 1] = (prefixSq[i] ?? 0) + v * v;
  }
  // Sum of squared deviations of data[from..to] (inclusive).
  const ssd = (from: number, to: number) => {
    const count = to - from + 1;
    const sum = (prefix[to + 1] ?? 0) - (prefix[from] ?? 0);
    const sumSq = (prefixSq[to + 1] ?? 0) - (prefixSq[from] ?? 0);
    return Math.max(0, sumSq - (sum * sum) / count);
  };
  // cost[j][i]: best cost of splitting data[0..i] into j + 1 classes; start[j][i]: where its last class starts.
  const cost: Float64Array[] = [];
  const start: Int32Array[] = [];
  cost.push(Float64Array.from({ length: n }, (_, i) => ssd(0, i)));
  start.push(new Int32Array(n));
  for (let j = 1; j < k; j++) {
    const row = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    const from = new Int32Array(n);
    const previous = cost[j - 1] as Float64Array;
    for (let i = j; i < n; i++) {
      for (let s = j; s <= i; s++) {
        const candidate = (previous[s - 1] ?? 0) + ssd(s, i);
        if (candidate < (row[i] ?? Number.POSITIVE_INFINITY)) {
          row[i] = candidate;
          from[i] = s;
        }
      }
    }
    cost.push(row);
    start.push(from);
  }
  const upper: number[] = [];
  let end = n - 1;
  for (let j = k - 1; j >= 0; j--) {
    upper.unshift(data[end] ?? 0);
    end = (start[j]?.[end] ?? 0) - 1;
  }
  return dedupe([data[0] ?? 0, ...upper]);
}

export function computeBreaks(values: readonly number[], classes: number, method: Classification): number[] {
  return method === 'jenks' ? jenksBreaks(values, classes) : quantileBreaks(values, classes);
}

/** The class of a value: i such that bounds[i] < value ≤ bounds[i + 1] (clamped to the ends). */
export function classOf(value: number, bounds: readonly number[]): number {
  const last = Math.max(0, bounds.length - 2);
  for (let i = 0; i < last; i++) {
    if (value <= (bounds[i + 1] ?? Number.POSITIVE_INFINITY)) return i;
  }
  return last;
}
