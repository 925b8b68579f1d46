import type { WebClient } from '@slack/web-api';

/** A plain reply in a thread, as the bot. */
export async function replyInThread(client: WebClient, channel: string, threadTs: string, text: string): Promise<void> {
  await client.chat.postMessage({ channel, thread_ts: threadTs, text, unfurl_links: false });
}
