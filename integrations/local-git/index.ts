import type { Integration } from '../types.js';
import { localGitDestination } from './destination.js';
import { localGitSource } from './source.js';

export const localGit: Integration = {
  provider: 'local-git',
  source: localGitSource,
  destination: localGitDestination,
};
