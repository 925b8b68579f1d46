import { z } from 'zod';
import { durationSetting } from '../kit/support/sweep-settings.js';

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

/** Intercom conversation ids are decimal strings, longer than other ids (`"215468890123456"`). */
const conversationId = z.string().regex(/^\d{1,24}$/, 'must be an Intercom conversation id like "215468890123456"');

export const intercomSweepSchema = z.strictObject({
  every: durationSetting('15m').default('6h'),
  /** How far back the first sweep reads. */
  lookback: durationSetting('1h').default('30d'),
  /** Conversations tagged with one of these are not analysed. */
  excludeTags: z.array(z.string().min(1)).default(['no-docs']),
  /** Conversations a topic needs before a run starts. */
  minConversations: z.number().int().min(1).default(1),
  /** At most this many runs per sweep; the rest are recorded as skipped. */
  maxRuns: z.number().int().min(1).max(50).default(5),
  /** Conversations the webhook announces within this window are swept (and grouped) together when it closes. */
  webhookWindow: durationSetting('1m').default('15m'),
});

export const intercomTriggerSchema = z.strictObject({
  type: z.literal('intercom'),
  integrationId: z.string().min(1),
  /** Closed conversations read on a schedule (`intercom-sweep-<project id>`) through the conversation search. */
  sweep: intercomSweepSchema.optional(),
  /**
   * Conversations announced by the `conversation.admin.closed` webhook: with a sweep they join its next grouping
   * window (a sweep run when the window closes); without one each starts a run of its own.
   */
  webhook: z.boolean().default(false),
});

/** A run's source: the conversations it answers, each pinned to the update it was read at (closed again is new). */
export const intercomSourceSchema = z.strictObject({
  type: z.literal('intercom'),
  integrationId: z.string().min(1),
  conversations: z
    .array(
      z.strictObject({
        id: conversationId,
        updatedAt: z.string().datetime({ offset: true }).optional(),
        /** Where teammates see it in the inbox; set when the source is pinned. */
        url: z.string().url().optional(),
      }),
    )
    .min(1)
    .max(50),
});

export type IntercomSweep = z.infer<typeof intercomSweepSchema>;
export type IntercomTrigger = z.infer<typeof intercomTriggerSchema>;
export type IntercomSource = z.infer<typeof intercomSourceSchema>;
export type IntercomConnection = z.infer<typeof intercomConnectionSchema>;
export type IntercomArticlesDestination = z.infer<typeof intercomArticlesDestinationSchema>;
