import type { Db } from '../../../db/database.js';
import { insertIntegration } from '../../../db/repositories/integrations.js';
import { newId } from '../../../core/ids.js';
import { linear } from '../../../integrations/linear/index.js';
import { fakeLinearApiKey, type FakeLinear } from '../../support/fake-linear/index.js';
import { againstFakes, contractSecrets as secrets } from './against-fakes.js';

/** Stores a personal-API-key Linear connection to `fake` in `db` (with a webhook secret when given); returns its id. */
export async function connectLinearToFake(
  db: Db,
  fake: Pick<FakeLinear, 'url'>,
  apiKey = fakeLinearApiKey,
  webhookSecret?: string,
) {
  const id = newId('int');
  await insertIntegration(db, {
    id,
    provider: 'linear',
    baseUrl: fake.url,
    settings: { auth: 'api_key', identity: { organization: 'Acme', urlKey: 'acme', user: 'Docs Bot' } },
    sealedSecrets: secrets.seal(JSON.stringify({ apiKey, ...(webhookSecret ? { webhookSecret } : {}) })),
    createdBy: 'contract test',
  });
  return id;
}

/** The Linear provider's adapters as the registry builds them. */
export const linearAgainstFakes = () => againstFakes<FakeLinear>(linear, (db, fake) => connectLinearToFake(db, fake));
