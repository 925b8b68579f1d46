import type { IntercomSettings } from './clients.js';

/** The Intercom web app of a workspace's region: where teammates open articles and conversations. */
export function appOrigin(settings: IntercomSettings): string {
  if (settings.region === 'eu') return 'https://app.eu.intercom.com';
  if (settings.region === 'au') return 'https://app.au.intercom.com';
  return 'https://app.intercom.com';
}

/** Where editors open an article in Intercom. */
export const articleAdminUrl = (settings: IntercomSettings, id: string) =>
  `${appOrigin(settings)}/a/apps/${settings.appId}/articles/articles/${id}/show`;

/** Where teammates open a conversation in the Inbox. */
export const conversationUrl = (settings: IntercomSettings, id: string) =>
  `${appOrigin(settings)}/a/inbox/${settings.appId}/inbox/conversation/${id}`;
