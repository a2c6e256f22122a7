/** API answers shared by the server (route contracts) and the web app (types). */
export * from './account.ts';
export type { Answer, DeepReadonly } from './answer.ts';
export * from './datasets.ts';
export * from './errors.ts';
export * from './geo.ts';
export * from './imports.ts';
export * from './query.ts';
export * from './sharing.ts';
