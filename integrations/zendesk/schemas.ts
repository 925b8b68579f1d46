import { z } from 'zod';
import { durationSetting as duration } from '../kit/support/sweep-settings.js';

const integrationId = z.string().min(1);
const subdomain = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, 'must be a Zendesk subdomain like "acme"');

export const zendeskSweepSchema = z.strictObject({
  every: duration('15m').default('6h'),
  /** How far back the first sweep reads. */
  lookback: duration('1h').default('30d'),
  statuses: z
    .array(z.enum(['new', 'open', 'pending', 'hold', 'solved', 'closed']))
    .min(1)
    .default(['solved', 'closed']),
  /** Only tickets with one of these tags (none: every ticket). */
  tags: z.array(z.string().min(1)).default([]),
  excludeTags: z.array(z.string().min(1)).default(['no-docs']),
  brandIds: z.array(z.number().int().positive()).default([]),
  /** Tickets a topic needs before a run starts. */
  minTickets: z.number().int().min(1).default(1),
  /** At most this many runs per sweep; the rest are recorded as skipped. */
  maxRuns: z.number().int().min(1).max(50).default(5),
  /** Tickets the webhook announces within this window are swept (and grouped) together when it closes. */
  webhookWindow: duration('1m').default('15m'),
});

export const zendeskTriggerSchema = z.strictObject({
  type: z.literal('zendesk'),
  integrationId,
  sweep: zendeskSweepSchema.optional(),
  /**
   * Solved tickets announced by the Zendesk webhook: with a sweep they join its next grouping window (a sweep
   * run when the window closes); without one each starts a run of its own.
   */
  webhook: z.boolean().default(false),
});

/** A run's source: the tickets it answers, each pinned to the update it was read at (a ticket solved again is new). */
export const zendeskSourceSchema = z.strictObject({
  type: z.literal('zendesk'),
  integrationId,
  tickets: z
    .array(
      z.strictObject({
        id: z.number().int().positive(),
        updatedAt: z.string().datetime({ offset: true }).optional(),
        /** Where agents see it; set when the source is pinned. */
        url: z.string().url().optional(),
      }),
    )
    .min(1)
    .max(50),
});

export const zendeskConnectionSchema = z
  .strictObject({
    provider: z.literal('zendesk'),
    subdomain: subdomain.optional(),
    /** Instead of `subdomain`: a host mapped domain, a proxy, or a test server. */
    baseUrl: z.string().url().optional(),
    auth: z.discriminatedUnion('type', [
      z.strictObject({
        type: z.literal('token'),
        email: z.string().email(),
        apiToken: z.string().min(20, 'must be a Zendesk API token'),
      }),
      z.strictObject({ type: z.literal('oauth') }),
    ]),
    /** The signing secret of the Zendesk webhook (GET /api/v2/webhooks/{id}/signing_secret). */
    webhookSecret: z.string().min(16, 'must be at least 16 characters').optional(),
  })
  .refine((c) => Boolean(c.subdomain) !== Boolean(c.baseUrl), {
    message: 'give exactly one of "subdomain" or "baseUrl"',
    path: ['subdomain'],
  });

export type ZendeskSweep = z.infer<typeof zendeskSweepSchema>;
export type ZendeskTrigger = z.infer<typeof zendeskTriggerSchema>;
export type ZendeskSource = z.infer<typeof zendeskSourceSchema>;
export type ZendeskConnection = z.infer<typeof zendeskConnectionSchema>;
