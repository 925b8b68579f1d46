import { z } from 'zod';

/** The parts of Slack's Events API and interactivity payloads docflow reads; everything else passes through. */

const message = z.looseObject({
  type: z.string(),
  subtype: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().default(''),
  ts: z.string(),
  thread_ts: z.string().optional(),
  channel: z.string(),
  channel_type: z.string().optional(),
});

export const urlVerification = z.looseObject({ type: z.literal('url_verification'), challenge: z.string() });

export const eventCallback = z.looseObject({
  type: z.literal('event_callback'),
  event_id: z.string().min(1),
  event: message,
});

export const messageAction = z.looseObject({
  type: z.literal('message_action'),
  callback_id: z.string(),
  trigger_id: z.string().min(1),
  user: z.looseObject({ id: z.string() }),
  channel: z.looseObject({ id: z.string() }),
  message: z.looseObject({ ts: z.string(), thread_ts: z.string().optional() }),
});

export type SlackMessageEvent = z.infer<typeof message>;
export type SlackMessageAction = z.infer<typeof messageAction>;

export const blockActions = z.looseObject({
  type: z.literal('block_actions'),
  trigger_id: z.string().min(1),
  user: z.looseObject({ id: z.string() }),
  channel: z.looseObject({ id: z.string() }).optional(),
  actions: z
    .array(z.looseObject({ action_id: z.string(), value: z.string().optional(), action_ts: z.string() }))
    .min(1),
});

export const viewSubmission = z.looseObject({
  type: z.literal('view_submission'),
  user: z.looseObject({ id: z.string() }),
  view: z.looseObject({
    id: z.string(),
    hash: z.string().optional(),
    callback_id: z.string(),
    private_metadata: z.string(),
    state: z.looseObject({
      values: z.record(z.string(), z.record(z.string(), z.looseObject({ value: z.string().nullish() }))),
    }),
  }),
});

export type SlackBlockActions = z.infer<typeof blockActions>;
export type SlackViewSubmission = z.infer<typeof viewSubmission>;
