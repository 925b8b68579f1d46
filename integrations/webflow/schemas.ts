import { z } from 'zod';

/** Webflow ids (sites, collections, items) are 24 hexadecimal characters. */
export const webflowId = z.string().regex(/^[0-9a-f]{24}$/, 'must be a Webflow id (24 hexadecimal characters)');
const fieldSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'must be the slug of a collection field');

export const webflowApi = 'https://api.webflow.com/v2';

export const webflowCmsDestinationSchema = z.strictObject({
  type: z.literal('webflow-cms'),
  integrationId: z.string().min(1),
  siteId: webflowId,
  /** The collection whose items are the pages; it must belong to the site. */
  collectionId: webflowId,
  /** The collection fields that hold an item's title (plain text), body (rich text) and slug. */
  fields: z.strictObject({
    title: fieldSlug.default('name'),
    body: fieldSlug,
    slug: fieldSlug.default('slug'),
  }),
  /** `staged`: edits are saved to the staged item, live readers see them at the next publish; `live`: published items are published again at once. */
  mode: z.enum(['staged', 'live']).default('staged'),
});

export type WebflowCmsDestination = z.infer<typeof webflowCmsDestinationSchema>;

export const webflowConnectionSchema = z.strictObject({
  provider: z.literal('webflow'),
  /** The Data API v2; another URL only for a proxy or a test server. */
  baseUrl: z.string().url().default(webflowApi),
  auth: z.discriminatedUnion('type', [
    /** A site token (Site settings → Apps & integrations → API access) with CMS read and write. */
    z.strictObject({ type: z.literal('token'), token: z.string().min(20, 'must be a Webflow site token') }),
    z.strictObject({ type: z.literal('oauth') }),
  ]),
});

export type WebflowConnection = z.infer<typeof webflowConnectionSchema>;
