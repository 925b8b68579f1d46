import { pino } from 'pino';
import { providerDefaults } from '../../support/provider-deps.js';
import { openDatabase, type Db } from '../../../db/database.js';
import { insertIntegration } from '../../../db/repositories/integrations.js';
import { newId } from '../../../core/ids.js';
import type { ProviderAdapters } from '../../../integrations/contract.js';
import { github } from '../../../integrations/github/index.js';
import { createSecretBox } from '../../../secrets/secret-box.js';
import type { FakeGitHub } from '../../support/fake-github/index.js';
import { testSecretKey } from '../../support/test-keys.js';

export const contractWebhookSecret = 'contract-webhook-secret-0123456789';
const secrets = createSecretBox([testSecretKey]);

/** Stores a personal-token GitHub connection to `fake` in `db`; returns its id. */
export async function connectToFake(db: Db, fake: Pick<FakeGitHub, 'url'>): Promise<string> {
  const id = newId('int');
  const sealedSecrets = secrets.seal(
    JSON.stringify({ token: 'ghp_contract_token_0123456789', webhookSecret: contractWebhookSecret }),
  );
  await insertIntegration(db, {
    id,
    provider: 'github',
    baseUrl: fake.url,
    settings: { auth: 'token' },
    sealedSecrets,
    createdBy: 'contract test',
  });
  return id;
}

/**
 * The GitHub provider's adapters exactly as the registry builds them (octokit with its production
 * retry and throttling settings), over one in-memory database per test file.
 */
export function githubAgainstFakes(): {
  connect(fake: FakeGitHub): Promise<{ adapters: ProviderAdapters; integrationId: string }>;
  close(): Promise<void>;
} {
  let db: Promise<Db> | undefined;
  const database = () => (db ??= openDatabase({}));
  return {
    async connect(fake) {
      const opened = await database();
      const adapters = github.create({
        db: opened,
        secrets,
        logger: pino({ level: 'silent' }),
        publicUrl: 'http://docflow.test',
        allowPrivateUrls: true,
        ...providerDefaults,
      });
      return { adapters, integrationId: await connectToFake(opened, fake) };
    },
    close: async () => void (db && (await (await db).destroy())),
  };
}
