import { pino } from 'pino';
import { newId } from '../../../core/ids.js';
import { openDatabase, type Db } from '../../../db/database.js';
import { insertIntegration } from '../../../db/repositories/integrations.js';
import type { ArticleDestination, DestinationAdapter } from '../../../integrations/contract.js';
import { intercom } from '../../../integrations/intercom/index.js';
import type { IntercomArticlesDestination } from '../../../integrations/intercom/schemas.js';
import { createSecretBox } from '../../../secrets/secret-box.js';
import { startFakeIntercom, type FakeIntercom } from '../../support/fake-intercom/server.js';
import { providerDefaults } from '../../support/provider-deps.js';
import { testSecretKey } from '../../support/test-keys.js';

export const intercomToken = 'dG9rOmZha2UtaW50ZXJjb20tdG9rZW4tMDEyMzQ1';
export const secrets = createSecretBox([testSecretKey]);

/** Help-center HTML as editors leave it in Intercom; `old line` is the paragraph edits change. */
export const articleHtml = [
  '<h2 id="h_1a2b" style="color:#333">Getting started</h2>\n',
  '<p class="no-margin">old line</p>\n',
  '<div class="intercom-interblocks-callout" style="background-color: #feedaf80; border-color: #fbc91633;"><p class="no-margin">Keep <b>this</b> as it is.</p></div>\n',
  '<table><tbody><tr><td><p class="no-margin">Plan</p></td><td><p class="no-margin">Limit</p></td></tr></tbody></table>\n',
  '<ul>\n<li><p class="no-margin">one</p><ul><li><p class="no-margin">nested</p></li></ul></li>\n</ul>\n',
  '<div class="intercom-container"><iframe src="https://www.youtube.com/embed/xyz" frameborder="0" allowfullscreen=""></iframe></div>\n',
].join('');

export interface IntercomSetup {
  fake: FakeIntercom;
  db: Db;
  destination: DestinationAdapter<IntercomArticlesDestination>;
  articles: ArticleDestination<IntercomArticlesDestination>;
  d: IntercomArticlesDestination;
  articleId: string;
  close(): Promise<void>;
}

/** A fake Intercom with one published article in collection 100, and the provider connected to it with a token. */
export async function intercomSetup(
  state: 'draft' | 'published' = 'draft',
  env: Record<string, string> = {},
  auth: 'token' | 'oauth' = 'token',
): Promise<IntercomSetup> {
  const fake = await startFakeIntercom(intercomToken);
  fake.store.collections.set(100, null);
  const articleId = fake.store.add({ title: 'Getting started', body: articleHtml, collection: 100 });
  fake.store.add({ title: 'Billing', body: '<p>Invoices are monthly.</p>', collection: 100 });
  const db = await openDatabase({});
  const integrationId = newId('int');
  await insertIntegration(db, {
    id: integrationId,
    provider: 'intercom',
    baseUrl: fake.url,
    // An OAuth connection is stored as the generic flow stores it: no workspace known yet, the token set sealed.
    settings: auth === 'token' ? { auth: 'token', appId: 'abc123xy', adminId: '991267001' } : { oauth: true },
    sealedSecrets: secrets.seal(
      JSON.stringify(auth === 'token' ? { accessToken: intercomToken } : { accessToken: intercomToken, scope: '' }),
    ),
    createdBy: 'test',
  });
  const adapters = intercom.create({
    db,
    secrets,
    logger: pino({ level: 'silent' }),
    publicUrl: 'http://docflow.test',
    allowPrivateUrls: true,
    ...providerDefaults,
    env,
  });
  const d: IntercomArticlesDestination = { type: 'intercom-articles', integrationId, collections: ['100'], state };
  return {
    fake,
    db,
    destination: adapters.destination as DestinationAdapter<IntercomArticlesDestination>,
    articles: adapters.articleDestination as ArticleDestination<IntercomArticlesDestination>,
    d,
    articleId,
    close: async () => {
      await fake.close();
      await db.destroy();
    },
  };
}
