import type { Db } from '../../../db/database.js';
import { insertIntegration } from '../../../db/repositories/integrations.js';
import { newId } from '../../../core/ids.js';
import { gitlab } from '../../../integrations/gitlab/index.js';
import { fakeGitLabCredentials, type FakeGitLab } from '../../support/fake-gitlab/index.js';
import { againstFakes, contractSecrets as secrets } from './against-fakes.js';

export const gitlabWebhookSecret = 'gitlab-contract-secret-0123456789';

/** Stores an access-token GitLab connection to `fake` in `db` (with a signing token when given); returns its id. */
export async function connectGitLabToFake(
  db: Db,
  fake: Pick<FakeGitLab, 'url'>,
  signingToken?: string,
): Promise<string> {
  const id = newId('int');
  await insertIntegration(db, {
    id,
    provider: 'gitlab',
    baseUrl: fake.url,
    settings: { auth: 'token' },
    sealedSecrets: secrets.seal(
      JSON.stringify({
        token: fakeGitLabCredentials.token,
        webhookSecret: gitlabWebhookSecret,
        ...(signingToken ? { signingToken } : {}),
      }),
    ),
    createdBy: 'contract test',
  });
  return id;
}

/** The GitLab provider's adapters as the registry builds them. */
export const gitlabAgainstFakes = () => againstFakes<FakeGitLab>(gitlab, (db, fake) => connectGitLabToFake(db, fake));
