import path from 'node:path';
import type { ProviderDefinition } from '../contract.js';
import { createLocalGitDestination } from './destination.js';
import { localGitRoots, rootsVariable } from './roots.js';
import {
  localGitContextSchema,
  localGitDestinationSchema,
  localGitSourceSchema,
  localGitTriggerSchema,
} from './schemas.js';
import { createLocalGitSource } from './source.js';

/** Repositories on this machine: no account, no network; the integration that runs offline. */
export const localGit: ProviderDefinition = {
  provider: 'local-git',
  title: 'Local git',
  variables: [rootsVariable],
  examples: {
    context: { type: 'local-git', repo: '/path/to/app', paths: ['src/**'] },
    destination: { type: 'local-git', repo: '/path/to/docs', baseBranch: 'main', docsDir: 'docs' },
    source: (context) => ({ type: 'local-git', repo: context.repo, base: 'HEAD~1', head: 'HEAD' }),
  },
  schemas: {
    trigger: localGitTriggerSchema,
    context: localGitContextSchema,
    source: localGitSourceSchema,
    destination: localGitDestinationSchema,
  },
  cliSource: {
    flags: ['repo', 'base', 'head'],
    source: ({ repo, base, head }) => ({ type: 'local-git', repo: path.resolve(repo!), base: base!, head: head! }),
  },
  create(deps) {
    const roots = localGitRoots(deps);
    return { source: createLocalGitSource(roots), destination: createLocalGitDestination(roots) };
  },
};
