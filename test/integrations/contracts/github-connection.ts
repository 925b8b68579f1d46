import type { Db } from '../../../db/database.js';
import { insertIntegration } from '../../../db/repositories/integrations.js';
import { newId } from '../../../core/ids.js';
import { github } from '../../../integrations/github/index.js';
import type { FakeGitHub } from '../../support/fake-github/index.js';
import { againstFakes, contractSecrets as secrets } from './against-fakes.js';

export const contractWebhookSecret = 'contract-webhook-secret-0123456789';

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

/** The GitHub provider's adapters as the registry builds them (octokit with its production retry and throttling settings). */
export const githubAgainstFakes = () => againstFakes<FakeGitHub>(github, connectToFake);
