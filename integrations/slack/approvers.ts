import type { WebClient } from '@slack/web-api';
import type { SlackReviewChannel } from './schemas.js';

/** Whether a Slack user may decide: named among the approvers, or in one of the approver user groups. */
export async function isApprover(client: WebClient, config: SlackReviewChannel, userId: string): Promise<boolean> {
  if (config.approvers.includes(userId)) return true;
  for (const group of config.approvers.filter((a) => a.startsWith('S'))) {
    const answer = await client.usergroups.users.list({ usergroup: group });
    if (answer.users?.includes(userId)) return true;
  }
  return false;
}
