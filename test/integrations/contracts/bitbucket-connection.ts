import type { Db } from '../../../db/database.js';
import { insertIntegration } from '../../../db/repositories/integrations.js';
import { newId } from '../../../core/ids.js';
import { bitbucket } from '../../../integrations/bitbucket/index.js';
import { fakeBitbucketCredentials, type FakeBitbucket } from '../../support/fake-bitbucket/index.js';
import { againstFakes, contractSecrets as secrets } from './against-fakes.js';

export const bitbucketWebhookSecret = 'bitbucket-contract-secret-0123456789';

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

/** The Bitbucket provider's adapters as the registry builds them. */
export const bitbucketAgainstFakes = () => againstFakes<FakeBitbucket>(bitbucket, connectBitbucketToFake);
