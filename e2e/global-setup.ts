import type { TestProject } from 'vitest/node';
import { launchChromiumServer } from './chromium.ts';
import { startE2eServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eServerUrl: string;
    /** The run's Chromium (browser.ts `launchChromium` connects to it). */
    e2eBrowserEndpoint: string;
  }
}

/**
 * One real server for the whole e2e run: loading the seed pack once instead of once per file
 * keeps CI minutes for the journeys themselves. Files run one after the other against it.
 */
export default async function setup(project: TestProject) {
  const server = await startE2eServer();
  project.provide('e2eServerUrl', server.url);
  // One Chromium for the run too: each file still gets its own contexts (cookies, storage),
  // closed with its connection, without a browser start and stop per file and per account.
  const browser = await launchChromiumServer();
  project.provide('e2eBrowserEndpoint', browser.wsEndpoint());
  return async () => {
    await browser.close();
    await server.close();
  };
}
