import type { TestProject } from 'vitest/node';
import { startE2eServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eServerUrl: string;
  }
}

/**
 * One real server for the whole e2e run: loading the seed pack once instead of once per file
 * keeps CI minutes for the journeys themselves. Files run one after the other against it.
 */
export default async function setup(project: TestProject) {
  const server = await startE2eServer();
  project.provide('e2eServerUrl', server.url);
  return () => server.close();
}
