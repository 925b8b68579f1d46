import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startDevServer } from '../../temporal/dev-server.js';
import { findTemporalCli } from '../../temporal/find-cli.js';
import { freePort } from './free-port.js';

/**
 * One in-memory Temporal dev server for the whole suite; each test file uses its own task queue. The compiled
 * build is brought up to date first: tests that run bin/docflow.js run dist/.
 */
export default async function setup(project: TestProject) {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/build.mjs', import.meta.url))], {
    stdio: 'inherit',
  });
  const port = await freePort();
  const server = await startDevServer({
    cliPath: findTemporalCli(process.env.TEMPORAL_CLI_PATH),
    port,
    uiPort: await freePort(),
    namespace: 'default',
  });
  project.provide('temporalAddress', server.address);
  return () => server.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
  }
}
