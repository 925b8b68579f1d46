import { pino } from 'pino';
import { newId } from '../../../core/ids.js';
import { openDatabase, type Db } from '../../../db/database.js';
import { insertIntegration } from '../../../db/repositories/integrations.js';
import type { ProviderAdapters } from '../../../integrations/contract.js';
import { intercom } from '../../../integrations/intercom/index.js';
import { createSecretBox } from '../../../secrets/secret-box.js';
import type { ConversationFixture, FakeIntercom } from '../../support/fake-intercom/server.js';
import { providerDefaults } from '../../support/provider-deps.js';
import { testSecretKey } from '../../support/test-keys.js';
import { intercomToken } from './intercom-fixture.js';

/** The app's client secret: Intercom signs webhook notifications with it. */
export const intercomClientSecret = 'intercom-app-client-secret-0123456789';
export const secrets = createSecretBox([testSecretKey]);

/** The Intercom adapters as the registry builds them, connected with a token (and the client secret) to the fake. */
export async function intercomAgainstFake(fake: FakeIntercom): Promise<{
  db: Db;
  adapters: ProviderAdapters;
  integrationId: string;
}> {
  const db = await openDatabase({});
  const adapters = intercom.create({
    db,
    secrets,
    logger: pino({ level: 'silent' }),
    publicUrl: 'http://docflow.test',
    allowPrivateUrls: true,
    ...providerDefaults,
  });
  const prepared = await adapters.connection!.prepare({
    provider: 'intercom',
    baseUrl: fake.url,
    auth: { type: 'token', accessToken: intercomToken },
    clientSecret: intercomClientSecret,
  });
  const integrationId = newId('int');
  await insertIntegration(db, {
    id: integrationId,
    provider: 'intercom',
    baseUrl: prepared.baseUrl,
    settings: prepared.settings,
    sealedSecrets: secrets.seal(JSON.stringify(prepared.secrets)),
    createdBy: 'test',
  });
  return { db, adapters, integrationId };
}

/** The fake's workspace (`GET /me`): where its conversations open in the Inbox. */
export const inboxUrl = (id: string) => `https://app.intercom.com/a/inbox/abc123xy/inbox/conversation/${id}`;

/** Personal data a customer might write in a conversation; none of it may survive redaction. */
export const personalData = {
  contact: { name: 'Margarethe Oyelaran-Smith', email: 'margarethe.os@customer-mail.test' },
  admin: { name: 'Tobias Quarshie', email: 'tobias@support.example.test' },
  phone: '+44 20 7946 0958',
  card: '4111 1111 1111 1111',
  token: 'sk-live0123456789abcdefghijklmnop',
  secretUrl: 'https://admin:hunter2secret@db.customer.test/export',
};

/** A closed conversation full of personal data, with an internal note that must never be read. */
export function conversationWithPersonalData(id: string, updatedAt: number): ConversationFixture {
  const p = personalData;
  return {
    id,
    updatedAt,
    title: `Export fails for ${p.contact.name}`,
    contact: p.contact,
    admin: p.admin,
    messages: [
      {
        from: 'contact',
        body: `Hi, I am ${p.contact.name} (${p.contact.email}, ${p.phone}). My card ${p.card} was charged but the export with --format csv fails. Token ${p.token}, URL ${p.secretUrl}`,
      },
      { from: 'admin', type: 'note', body: 'INTERNAL: customer is on the legacy plan, VIP account 99-1234' },
      {
        from: 'admin',
        body: `Thanks Margarethe! Regards, ${p.admin.name}. Use --format csv with --delimiter ";" on the export command.`,
      },
      { from: 'admin', type: 'close', body: 'Closing this one, write back any time.' },
    ],
  };
}
