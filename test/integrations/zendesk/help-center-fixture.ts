import { pino } from 'pino';
import { newId } from '../../../core/ids.js';
import { openDatabase, type Db } from '../../../db/database.js';
import { insertIntegration } from '../../../db/repositories/integrations.js';
import type { ArticleDestination, DestinationAdapter, ProviderAdapters } from '../../../integrations/contract.js';
import type { HelpCenterDestination } from '../../../integrations/zendesk/help-center/schemas.js';
import { zendesk } from '../../../integrations/zendesk/index.js';
import { createSecretBox } from '../../../secrets/secret-box.js';
import { startFakeHelpCenter, type FakeHelpCenter } from '../../support/fake-zendesk-help-center/server.js';
import { providerDefaults } from '../../support/provider-deps.js';
import { testSecretKey } from '../../support/test-keys.js';

export const helpCenterCredentials = { email: 'docs@acme.test', token: 'zd-token-0123456789' };
export const secrets = createSecretBox([testSecretKey]);

/** Help-center HTML as editors leave it; `old line` is the paragraph edits change. */
export const articleHtml = [
  '<h2 id="intro" style="color:#333">Getting started</h2>\n',
  '<p>old line</p>\n',
  '<div class="callout callout--info"><p>Keep <strong>this</strong> as it is.</p></div>\n',
  '<iframe src="https://www.youtube.com/embed/xyz" allowfullscreen></iframe>\n',
].join('');

export interface HelpCenterSetup {
  fake: FakeHelpCenter;
  db: Db;
  adapters: ProviderAdapters;
  destination: DestinationAdapter<HelpCenterDestination>;
  articles: ArticleDestination<HelpCenterDestination>;
  d: HelpCenterDestination;
  articleId: number;
  close(): Promise<void>;
}

/** A fake Help Center with one live article in section 100, and the Zendesk provider connected to it with a token. */
export async function helpCenterSetup(publish: 'draft' | 'live' = 'draft'): Promise<HelpCenterSetup> {
  const fake = await startFakeHelpCenter(helpCenterCredentials);
  const articleId = fake.store.add({ section: 100, title: 'Getting started', body: articleHtml });
  fake.store.add({ section: 100, title: 'Billing', body: '<p>Invoices are monthly.</p>' });
  const db = await openDatabase({});
  const integrationId = newId('int');
  await insertIntegration(db, {
    id: integrationId,
    provider: 'zendesk',
    baseUrl: fake.url,
    settings: { auth: 'token', subdomain: 'acme', email: helpCenterCredentials.email },
    sealedSecrets: secrets.seal(JSON.stringify({ apiToken: helpCenterCredentials.token })),
    createdBy: 'test',
  });
  const adapters = zendesk.create({
    db,
    secrets,
    logger: pino({ level: 'silent' }),
    publicUrl: 'http://docflow.test',
    allowPrivateUrls: true,
    ...providerDefaults,
  });
  const d: HelpCenterDestination = {
    type: 'zendesk-help-center',
    integrationId,
    locale: 'en-us',
    sections: [100],
    newArticles: { sectionId: 100, permissionGroupId: 7001, userSegmentId: null },
    publish,
  };
  return {
    fake,
    db,
    adapters,
    destination: adapters.destination as DestinationAdapter<HelpCenterDestination>,
    articles: adapters.articleDestination as ArticleDestination<HelpCenterDestination>,
    d,
    articleId,
    close: async () => {
      await fake.close();
      await db.destroy();
    },
  };
}
