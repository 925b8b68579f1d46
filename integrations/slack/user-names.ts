import { ErrorCode, type WebClient } from '@slack/web-api';

interface SlackUser {
  name?: string;
  real_name?: string;
  profile?: { display_name?: string; real_name?: string };
}

/**
 * The names Slack knows a user by (`users.info`), each user asked once per run. A user Slack will not
 * describe (deleted, another workspace, no `users:read`) has none; a rate limit or outage still fails.
 */
export function userNames(client: WebClient): (userId: string) => Promise<string[]> {
  const cache = new Map<string, Promise<string[]>>();
  const lookUp = async (user: string) => {
    try {
      const found = (await client.users.info({ user })).user as SlackUser | undefined;
      return [found?.real_name, found?.profile?.real_name, found?.profile?.display_name, found?.name].filter(
        (n): n is string => Boolean(n?.trim()),
      );
    } catch (error) {
      if ((error as { code?: string }).code === ErrorCode.PlatformError) return [];
      throw error;
    }
  };
  return (userId) => {
    if (!cache.has(userId)) cache.set(userId, lookUp(userId));
    return cache.get(userId)!;
  };
}
