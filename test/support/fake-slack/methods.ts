/**
 * The Web API methods the fake knows, with the arguments Slack requires of each (one of a group
 * suffices where Slack takes either, e.g. `text` or `blocks`). Anything else is `unknown_method`.
 */
export const methods: Record<string, (string | string[])[]> = {
  'auth.test': [],
  'chat.postMessage': ['channel', ['text', 'blocks']],
  'chat.update': ['channel', 'ts', ['text', 'blocks']],
  'chat.postEphemeral': ['channel', 'user', ['text', 'blocks']],
  'chat.getPermalink': ['channel', 'message_ts'],
  'conversations.replies': ['channel', 'ts'],
  'users.info': ['user'],
  'usergroups.users.list': ['usergroup'],
  'views.open': ['trigger_id', 'view'],
};

export function missingArgument(method: string, args: Record<string, unknown>): string | undefined {
  for (const required of methods[method] ?? []) {
    const names = Array.isArray(required) ? required : [required];
    if (!names.some((name) => args[name] !== undefined && args[name] !== '')) return names.join(' or ');
  }
  return undefined;
}
