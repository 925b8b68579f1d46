import { z } from 'zod';

const integrationId = z.string().min(1);
const channelId = z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a Slack channel id such as C0123ABCD');
/** Slack message timestamps ("1712345678.123456") identify messages and threads. */
const messageTs = z.string().regex(/^\d{9,12}\.\d{6}$/, 'must be a Slack message timestamp such as 1712345678.123456');

export const slackTriggerSchema = z.strictObject({
  type: z.literal('slack'),
  integrationId,
  /** Only these channels start runs; any channel the bot is in when absent. */
  channels: z.array(channelId).min(1).optional(),
  on: z
    .array(z.enum(['mention', 'message_action', 'dm']))
    .min(1)
    .default(['mention', 'message_action', 'dm']),
});

/** A thread (or a lone message): `threadTs` is its first message, `latestTs` the newest one the run was told about. */
export const slackSourceSchema = z.strictObject({
  type: z.literal('slack'),
  integrationId,
  channel: channelId,
  threadTs: messageTs,
  latestTs: messageTs,
});

export const slackConnectionSchema = z.strictObject({
  provider: z.literal('slack'),
  baseUrl: z.string().url().default('https://slack.com/api'),
  auth: z.strictObject({
    type: z.literal('token'),
    botToken: z.string().regex(/^xoxb-[\w-]{10,}$/, 'must be a bot token (xoxb-…)'),
  }),
  signingSecret: z.string().regex(/^[0-9a-f]{32}$/, "must be the Slack app's signing secret (32 hex characters)"),
});

export type SlackTrigger = z.infer<typeof slackTriggerSchema>;
export type SlackSource = z.infer<typeof slackSourceSchema>;
export type SlackConnection = z.infer<typeof slackConnectionSchema>;

/** A project's `review.channel` on Slack: cards go to `channel`; only `approvers` (users U…, user groups S…) decide. */
export const slackReviewChannelSchema = z.strictObject({
  type: z.literal('slack'),
  integrationId,
  channel: channelId,
  approvers: z.array(z.string().regex(/^[USW][A-Z0-9]{2,}$/, 'must be a Slack user (U…) or user group (S…) id')).min(1),
});

export type SlackReviewChannel = z.infer<typeof slackReviewChannelSchema>;

/** An entry of a project's `notify`: a channel told when the project's runs reach these statuses. */
export const slackNotifySchema = z.strictObject({
  type: z.literal('slack'),
  integrationId,
  channel: channelId,
  on: z
    .array(z.enum(['awaiting_review', 'published', 'failed', 'no_changes']))
    .min(1)
    .default(['awaiting_review', 'published', 'failed']),
});

export type SlackNotify = z.infer<typeof slackNotifySchema>;

/** Everything a project or connection may say about Slack, by role. */
export const slackSchemas = {
  connection: slackConnectionSchema as never,
  trigger: slackTriggerSchema as never,
  source: slackSourceSchema,
  reviewChannel: slackReviewChannelSchema,
  notify: slackNotifySchema,
};
