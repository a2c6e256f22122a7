import type { BuilderAction } from './specState.ts';

export type BuilderDispatch = (action: BuilderAction) => void;
