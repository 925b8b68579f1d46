import { pino } from 'pino';
import { openDatabase, type Db } from '../../../db/database.js';
import { insertIntegration } from '../../../db/repositories/integrations.js';
import { newId } from '../../../core/ids.js';
import type { ProviderAdapters } from '../../../integrations/contract.js';
import { bitbucket } from '../../../integrations/bitbucket/index.js';
import { createSecretBox } from '../../../secrets/secret-box.js';
import { fakeBitbucketCredentials, type FakeBitbucket } from '../../support/fake-bitbucket/index.js';
import { providerDefaults } from '../../support/provider-deps.js';
import { testSecretKey } from '../../support/test-keys.js';

export const bitbucketWebhookSecret = 'bitbucket-contract-secret-0123456789';
const secrets = createSecretBox([testSecretKey]);

/** Stores an API-token Bitbucket connection to `fake` in `db`; returns its id. */
export async function connectBitbucketToFake(db: Db, fake: Pick<FakeBitbucket, 'url'>): Promise<string> {
  const id = newId('int');
  const { email, apiToken } = fakeBitbucketCredentials;
  await insertIntegration(db, {
    id,
    provider: 'bitbucket',
    baseUrl: fake.url,
    settings: { auth: 'api_token' },
    sealedSecrets: secrets.seal(JSON.stringify({ email, token: apiToken, webhookSecret: bitbucketWebhookSecret })),
    createdBy: 'contract test',
  });
  return id;
}

/** The Bitbucket provider's adapters exactly as the registry builds them, over one in-memory database per test file. */
export function bitbucketAgainstFakes(): {
  connect(fake: FakeBitbucket): Promise<{ adapters: ProviderAdapters; integrationId: string; db: Db }>;
  close(): Promise<void>;
} {
  let db: Promise<Db> | undefined;
  const database = () => (db ??= openDatabase({}));
  return {
    async connect(fake) {
      const opened = await database();
      const adapters = bitbucket.create({
        db: opened,
        secrets,
        logger: pino({ level: 'silent' }),
        publicUrl: 'http://docflow.test',
        allowPrivateUrls: true,
        ...providerDefaults,
      });
      return { adapters, integrationId: await connectBitbucketToFake(opened, fake), db: opened };
    },
    close: async () => void (db && (await (await db).destroy())),
  };
}
