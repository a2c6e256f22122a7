import type { Catalogue, DatasetDefinition, DimensionDefinition, QueryPlan } from '@dataetat/widgets';
import type { LoadLookup } from '../query/data-versions.ts';
import { quoteIdentifier, type Warehouse } from '../warehouse/types.ts';

/**
 * What a dataset whose demo lines give way to imported ones (`demoOrigin`, Chorus) holds, by
 * year, région and origin: read from the data after every load or import, so the demo badge
 * follows the data. A result says « données de démonstration » only when the lines its filters
 * (and the caller's territory) can reach include demo ones.
 */
export interface DataPart {
  readonly year: number | null;
  readonly region: string | null;
  readonly regionLabel: string | null;
  readonly origin: string;
  readonly originLabel: string | null;
  readonly lines: number;
}

interface Parts {
  readonly loadId: number;
  readonly parts: readonly DataPart[];
}

/** The dimensions a composition is read by: year, territory scope, origin. */
function axes(dataset: DatasetDefinition) {
  const origin = dataset.demoOrigin;
  if (!origin) return null;
  const find = (predicate: (d: DimensionDefinition) => boolean) => dataset.dimensions.find(predicate);
  const originDim = find((d) => d.id === origin.dimension);
  const year = find((d) => d.type === 'year');
  const region = dataset.scopeField ? find((d) => d.id === dataset.scopeField) : undefined;
  if (!originDim || !year || !region)
    throw new Error(`${dataset.id} : demoOrigin sans année, région ou origine`);
  return { origin: originDim, demoValue: origin.value, year, region };
}

type Value = string | number | null;

/** Whether `value` may pass a planned filter; operators that cannot be judged here pass. */
function passes(value: Value, op: string, values: readonly (string | number)[]): boolean {
  const [first, second] = values;
  switch (op) {
    case 'eq':
      return value === first;
    case 'neq':
      return value !== null && value !== first;
    case 'in':
      return values.includes(value as string | number);
    case 'not_in':
      return value !== null && !values.includes(value as string | number);
    case 'is_null':
      return value === null;
    case 'not_null':
      return value !== null;
    case 'between':
      return (
        value !== null && first !== undefined && second !== undefined && value >= first && value <= second
      );
    case 'gt':
      return value !== null && first !== undefined && value > first;
    case 'gte':
    case 'last_n_years':
      return value !== null && first !== undefined && value >= first;
    case 'lt':
      return value !== null && first !== undefined && value < first;
    case 'lte':
      return value !== null && first !== undefined && value <= first;
    default:
      return true;
  }
}

export class DataCompositions {
  private readonly byDataset = new Map<string, Parts>();

  constructor(
    private readonly warehouse: Warehouse,
    private readonly catalogue: Catalogue,
  ) {}

  /** Reads the composition of every such dataset whose load changed since last read. */
  async refresh(versions: LoadLookup): Promise<void> {
    for (const dataset of this.catalogue.values()) {
      const a = axes(dataset);
      const load = versions.get(dataset.id);
      if (!a || !load || this.byDataset.get(dataset.id)?.loadId === load.id) continue;
      const columns = [
        a.year.column,
        a.region.column,
        a.region.labelColumn,
        a.origin.column,
        a.origin.labelColumn,
      ];
      const list = columns.map((c) => (c ? quoteIdentifier(c) : 'NULL')).join(', ');
      const { rows } = await this.warehouse.query(
        `SELECT ${list}, COUNT(*) FROM ${quoteIdentifier(dataset.table)} GROUP BY ${list} ORDER BY 1, 2, 4`,
      );
      this.byDataset.set(dataset.id, {
        loadId: load.id,
        parts: rows.map(([year, region, regionLabel, origin, originLabel, lines]) => ({
          year: year as number | null,
          region: region as string | null,
          regionLabel: regionLabel as string | null,
          origin: String(origin),
          originLabel: originLabel as string | null,
          lines: Number(lines),
        })),
      });
    }
  }

  /** The parts of a dataset by year, région and origin, or undefined when it has no origins. */
  parts(datasetId: string): readonly DataPart[] | undefined {
    return this.byDataset.get(datasetId)?.parts;
  }

  /** Whether the dataset holds demo lines (its static flag until its composition is read). */
  datasetDemo(dataset: DatasetDefinition): boolean {
    const a = axes(dataset);
    const parts = this.parts(dataset.id);
    if (!a || !parts) return dataset.demo;
    return parts.some((p) => p.origin === a.demoValue);
  }

  /** Whether the lines a plan reads (its filters, locked filters and scope) may include demo ones. */
  demoIn(plan: QueryPlan): boolean {
    // The catalogue's definition: a plan on a rollup keeps only the rollup's dimensions.
    const dataset = this.catalogue.get(plan.dataset.id) ?? plan.dataset;
    const a = axes(dataset);
    const parts = this.parts(dataset.id);
    if (!a || !parts) return dataset.demo;
    const partValue = (part: DataPart, dimension: string): Value | undefined => {
      if (dimension === a.year.id) return part.year;
      if (dimension === a.region.id) return part.region;
      if (dimension === a.origin.id) return part.origin;
      return undefined;
    };
    return parts.some(
      (part) =>
        part.origin === a.demoValue &&
        plan.filters.every((f) => {
          const value = partValue(part, f.dimension.id);
          return value === undefined || passes(value, f.op, f.values);
        }),
    );
  }
}
