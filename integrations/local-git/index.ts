import path from 'node:path';
import type { ProviderDefinition } from '../contract.js';
import { localGitDestination } from './destination.js';
import { localGitContextSchema, localGitDestinationSchema, localGitSourceSchema } from './schemas.js';
import { localGitSource } from './source.js';

/** Repositories on this machine: no account, no network; the integration that runs offline. */
export const localGit: ProviderDefinition = {
  provider: 'local-git',
  title: 'Local git',
  schemas: { context: localGitContextSchema, source: localGitSourceSchema, destination: localGitDestinationSchema },
  cliSource: {
    flags: ['repo', 'base', 'head'],
    source: ({ repo, base, head }) => ({ type: 'local-git', repo: path.resolve(repo!), base: base!, head: head! }),
  },
  create: () => ({ source: localGitSource, destination: localGitDestination }),
};
