import { pino } from 'pino';
import { openDatabase, type Db } from '../../../db/database.js';
import { insertIntegration } from '../../../db/repositories/integrations.js';
import { newId } from '../../../core/ids.js';
import type { ProviderAdapters } from '../../../integrations/contract.js';
import { zendesk } from '../../../integrations/zendesk/index.js';
import { createSecretBox } from '../../../secrets/secret-box.js';
import type { FakeZendesk, TicketFixture } from '../../support/fake-zendesk/index.js';
import { providerDefaults } from '../../support/provider-deps.js';
import { testSecretKey } from '../../support/test-keys.js';

export const zendeskWebhookSecret = 'zendesk-webhook-signing-secret-0123';
export const secrets = createSecretBox([testSecretKey]);

/** The Zendesk adapters as the registry builds them, over an in-memory database. */
export async function zendeskAgainstFake(fake: FakeZendesk): Promise<{
  db: Db;
  adapters: ProviderAdapters;
  integrationId: string;
}> {
  const db = await openDatabase({});
  const adapters = zendesk.create({
    db,
    secrets,
    logger: pino({ level: 'silent' }),
    publicUrl: 'http://docflow.test',
    allowPrivateUrls: true,
    ...providerDefaults,
  });
  const prepared = await adapters.connection!.prepare({
    provider: 'zendesk',
    baseUrl: fake.url,
    auth: { type: 'token', email: fake.email, apiToken: fake.apiToken },
    webhookSecret: zendeskWebhookSecret,
  });
  const integrationId = newId('int');
  await insertIntegration(db, {
    id: integrationId,
    provider: 'zendesk',
    baseUrl: prepared.baseUrl,
    settings: prepared.settings,
    sealedSecrets: secrets.seal(JSON.stringify(prepared.secrets)),
    createdBy: 'test',
  });
  return { db, adapters, integrationId };
}

/** Personal data a customer might paste into a ticket; none of it may survive redaction. */
export const personalData = {
  requester: { name: 'Margarethe Oyelaran-Smith', email: 'margarethe.os@customer-mail.test' },
  agent: { name: 'Tobias Quarshie', email: 'tobias@support.example.test' },
  phone: '+44 20 7946 0958',
  card: '4111 1111 1111 1111',
  token: 'sk-live0123456789abcdefghijklmnop',
  secretUrl: 'https://admin:hunter2secret@db.customer.test/export',
};

/** A solved ticket full of personal data, with an internal note that must never be read. */
export function ticketWithPersonalData(id: number, updatedAt: string): TicketFixture {
  const p = personalData;
  return {
    id,
    subject: `Export fails for ${p.requester.name}`,
    updatedAt,
    requester: p.requester,
    agent: p.agent,
    comments: [
      {
        from: 'requester',
        body: `Hi, I am ${p.requester.name} (${p.requester.email}, ${p.phone}). My card ${p.card} was charged but the export with --format csv fails. Token ${p.token}, URL ${p.secretUrl}`,
      },
      { from: 'agent', body: 'INTERNAL: customer is on the legacy plan, VIP account 99-1234', internal: true },
      {
        from: 'agent',
        body: `Thanks Margarethe! Regards, ${p.agent.name}. Use --format csv with --delimiter ";" on the export command.`,
      },
    ],
  };
}
