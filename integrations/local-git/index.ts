import type { ProviderDefinition } from '../contract.js';
import { localGitDestination } from './destination.js';
import { localGitContextSchema, localGitDestinationSchema, localGitSourceSchema } from './schemas.js';
import { localGitSource } from './source.js';

/** Repositories on this machine: no account, no network; the integration that runs offline. */
export const localGit: ProviderDefinition = {
  provider: 'local-git',
  title: 'Local git',
  schemas: { context: localGitContextSchema, source: localGitSourceSchema, destination: localGitDestinationSchema },
  create: () => ({ source: localGitSource, destination: localGitDestination }),
};
