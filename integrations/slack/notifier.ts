import type { Notification, Notifier } from '../contract.js';
import type { SlackClients } from './clients.js';
import type { SlackNotify } from './schemas.js';
import { slackFailure } from './web-client.js';

function textOf(notification: Notification): string {
  if (notification.kind === 'connection') {
    const { integrationId, provider, status, detail, reconnectHint } = notification;
    return status === 'broken'
      ? `The ${provider} integration ${integrationId} is broken${detail ? `: ${detail}` : ''}.${reconnectHint ? ` To reconnect: ${reconnectHint}` : ''}`
      : `The ${provider} integration ${integrationId} works again.`;
  }
  const { run } = notification;
  const link = `<${run.url}|${run.runId}>`;
  const pages = run.pages.length ? ` (${run.pages.join(', ')})` : '';
  switch (run.status) {
    case 'awaiting_review':
      return `A docs update awaits review${pages}: ${link}`;
    case 'published':
      return `A docs update was published${pages}: ${run.location ?? link}`;
    case 'no_changes':
      return `No docs change needed for ${link}${run.message ? `: ${run.message}` : ''}`;
    default:
      return `Run ${link} ${run.status}${run.message ? `: ${run.message}` : ''}`;
  }
}

/**
 * One message per notification in the configured channel; runs only for the statuses the entry asks
 * for. `operator` is the channel for broken connections the environment names, if any.
 */
export function createSlackNotifier(clients: SlackClients, operator?: SlackNotify): Notifier<SlackNotify> {
  return {
    operator: () => operator,
    async notify(config, notification) {
      if (notification.kind === 'run' && !(config.on as string[]).includes(notification.run.status)) return;
      const client = await clients.forIntegration(config.integrationId, { rejectRateLimitedCalls: true });
      try {
        await client.chat.postMessage({ channel: config.channel, text: textOf(notification), unfurl_links: false });
      } catch (error) {
        throw slackFailure(error);
      }
    },
  };
}
