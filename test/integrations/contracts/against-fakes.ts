import { pino } from 'pino';
import { openDatabase, type Db } from '../../../db/database.js';
import type { ProviderAdapters, ProviderDefinition } from '../../../integrations/contract.js';
import { createSecretBox } from '../../../secrets/secret-box.js';
import { providerDefaults } from '../../support/provider-deps.js';
import { testSecretKey } from '../../support/test-keys.js';

export const contractSecrets = createSecretBox([testSecretKey]);

/**
 * A provider's adapters exactly as the registry builds them, over one in-memory database per test
 * file; `store` records a connection to the fake and returns its id.
 */
export function againstFakes<F>(
  definition: ProviderDefinition,
  store: (db: Db, fake: F) => Promise<string>,
): {
  connect(fake: F): Promise<{ adapters: ProviderAdapters; integrationId: string; db: Db }>;
  close(): Promise<void>;
} {
  let db: Promise<Db> | undefined;
  const database = () => (db ??= openDatabase({}));
  return {
    async connect(fake) {
      const opened = await database();
      const adapters = definition.create({
        db: opened,
        secrets: contractSecrets,
        logger: pino({ level: 'silent' }),
        publicUrl: 'http://docflow.test',
        allowPrivateUrls: true,
        ...providerDefaults,
      });
      return { adapters, integrationId: await store(opened, fake), db: opened };
    },
    close: async () => void (db && (await (await db).destroy())),
  };
}
