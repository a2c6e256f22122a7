export declare const KB: number;
export declare const LOADER_BUDGET: number;
export declare const EMBED_BUDGET: number;
export interface EmbedSizeRow {
  readonly label: string;
  readonly bytes: number;
  readonly budget: number | null;
  readonly files: number;
}
export interface EmbedBundleSizes {
  readonly rows: readonly EmbedSizeRow[];
  readonly fontBytes: number;
}
export declare function embedBundleSizes(dist: string): EmbedBundleSizes;
export declare function kb(bytes: number): string;
export declare function budgetOverruns(sizes: EmbedBundleSizes): string[];
