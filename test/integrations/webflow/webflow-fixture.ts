import { pino } from 'pino';
import { newId } from '../../../core/ids.js';
import { openDatabase, type Db } from '../../../db/database.js';
import { insertIntegration } from '../../../db/repositories/integrations.js';
import type { ArticleDestination, DestinationAdapter, ProviderAdapters } from '../../../integrations/contract.js';
import { webflow } from '../../../integrations/webflow/index.js';
import type { WebflowCmsDestination } from '../../../integrations/webflow/schemas.js';
import { createSecretBox } from '../../../secrets/secret-box.js';
import { startFakeWebflow, type FakeWebflow } from '../../support/fake-webflow/server.js';
import { providerDefaults } from '../../support/provider-deps.js';
import { testSecretKey } from '../../support/test-keys.js';

export const webflowToken = 'wf-site-token-0123456789abcdef';
export const secrets = createSecretBox([testSecretKey]);

/**
 * A Webflow rich-text body as the CMS stores it: figures with wrapper classes, an embed, inline
 * styles and ids; `old line` is the paragraph edits change.
 */
export const itemHtml = [
  '<h2 id="getting-started" style="color:#1a1a1a">Getting started</h2>',
  '<p>old line</p>',
  '<figure style="max-width:1280pxpx" class="w-richtext-align-fullwidth w-richtext-figure-type-image"><div><img src="https://cdn.prod.website-files.com/64f0/setup.png" loading="lazy" alt="Setup screen"></div><figcaption>The setup screen</figcaption></figure>',
  '<p>Keep <strong>this</strong> and <span style="background-color:#fff3bf">that</span> as <em>they</em> are.</p>',
  '<figure style="padding-bottom:56.206088992974244%" class="w-richtext-align-fullwidth w-richtext-figure-type-video"><div><iframe allowfullscreen="true" frameborder="0" scrolling="no" src="https://www.youtube.com/embed/xyz" title="Tour"></iframe></div></figure>',
  '<div class="w-embed"><div class="callout" data-kind="tip"><p>Press <kbd>?</kbd> for shortcuts.</p></div></div>',
].join('');

export interface WebflowSetup {
  fake: FakeWebflow;
  db: Db;
  adapters: ProviderAdapters;
  destination: DestinationAdapter<WebflowCmsDestination>;
  articles: ArticleDestination<WebflowCmsDestination>;
  d: WebflowCmsDestination;
  siteId: string;
  collectionId: string;
  itemId: string;
  close(): Promise<void>;
}

/** A fake Webflow site with a help collection (one live item and another), and the provider connected with a site token. */
export async function webflowSetup(mode: 'staged' | 'live' = 'staged'): Promise<WebflowSetup> {
  const fake = await startFakeWebflow(webflowToken);
  const siteId = fake.store.addSite('acme-docs', 'Acme Docs', 'help.acme.test');
  const collectionId = fake.store.addCollection(siteId, 'help');
  const itemId = fake.store.addItem(collectionId, { name: 'Getting started', slug: 'getting-started', body: itemHtml });
  fake.store.addItem(collectionId, { name: 'Billing', slug: 'billing', body: '<p>Invoices are monthly.</p>' });
  const db = await openDatabase({});
  const integrationId = newId('int');
  await insertIntegration(db, {
    id: integrationId,
    provider: 'webflow',
    baseUrl: fake.url,
    settings: { auth: 'token' },
    sealedSecrets: secrets.seal(JSON.stringify({ token: webflowToken })),
    createdBy: 'test',
  });
  const adapters = webflow.create({
    db,
    secrets,
    logger: pino({ level: 'silent' }),
    publicUrl: 'http://docflow.test',
    allowPrivateUrls: true,
    ...providerDefaults,
  });
  const d: WebflowCmsDestination = {
    type: 'webflow-cms',
    integrationId,
    siteId,
    collectionId,
    fields: { title: 'name', body: 'post-body', slug: 'slug' },
    mode,
  };
  return {
    fake,
    db,
    adapters,
    destination: adapters.destination as DestinationAdapter<WebflowCmsDestination>,
    articles: adapters.articleDestination as ArticleDestination<WebflowCmsDestination>,
    d,
    siteId,
    collectionId,
    itemId,
    close: async () => {
      await fake.close();
      await db.destroy();
    },
  };
}
