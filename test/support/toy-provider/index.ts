import type { ProviderDefinition } from '../../../integrations/contract.js';
import { folderDestination } from './destination.js';
import { folderContextSchema, folderDestinationSchema, folderSourceSchema } from './schemas.js';
import { folderSource } from './source.js';

/**
 * A toy provider that lives only in tests: plain folders on this machine. A change is the difference
 * between two snapshot folders; docs are `.md` files; a publish goes to an outbox folder. It shows
 * that a provider is one folder and one line in the provider list.
 */
export const folder: ProviderDefinition = {
  provider: 'folder',
  title: 'Folder (test toy)',
  schemas: { context: folderContextSchema, source: folderSourceSchema, destination: folderDestinationSchema },
  create: () => ({ source: folderSource, destination: folderDestination }),
};
