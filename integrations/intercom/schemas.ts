import { z } from 'zod';

/** Where a workspace's API lives: Intercom hosts US, EU and Australian workspaces apart. */
export const intercomRegions = {
  us: 'https://api.intercom.io',
  eu: 'https://api.eu.intercom.io',
  au: 'https://api.au.intercom.io',
} as const;
export type IntercomRegion = keyof typeof intercomRegions;

/** Intercom ids are decimal strings (`"39"`); the API takes them as numbers in request bodies. */
const intercomId = z.string().regex(/^\d{1,18}$/, 'must be an Intercom id like "145"');

export const intercomConnectionSchema = z
  .strictObject({
    provider: z.literal('intercom'),
    region: z.enum(['us', 'eu', 'au']).optional(),
    /** Instead of `region`: a proxy, or a test server. */
    baseUrl: z.string().url().optional(),
    auth: z.discriminatedUnion('type', [
      z.strictObject({
        type: z.literal('token'),
        accessToken: z.string().min(20, 'must be an Intercom access token'),
      }),
      z.strictObject({ type: z.literal('oauth') }),
    ]),
    /** The app's client secret: Intercom signs webhook deliveries with it (`X-Hub-Signature`). */
    clientSecret: z.string().min(16, 'must be at least 16 characters').optional(),
  })
  .refine((c) => !(c.region && c.baseUrl), { message: 'give "region" or "baseUrl", not both', path: ['baseUrl'] });

export const intercomArticlesDestinationSchema = z.strictObject({
  type: z.literal('intercom-articles'),
  integrationId: z.string().min(1),
  /** Only articles of these collections (or their sections) are read; new articles go to the first. All articles when absent. */
  collections: z.array(intercomId).min(1).optional(),
  /**
   * `draft`: a change to a published article is saved as a new draft article linked to it, never by
   * unpublishing it; `published`: the live article is updated in place and stays published.
   */
  state: z.enum(['draft', 'published']).default('draft'),
});

export type IntercomConnection = z.infer<typeof intercomConnectionSchema>;
export type IntercomArticlesDestination = z.infer<typeof intercomArticlesDestinationSchema>;
