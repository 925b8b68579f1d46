import { AppError } from '../../core/errors.js';
import type { ProviderDeps } from '../contract.js';
import { slackNotifySchema, type SlackNotify } from './schemas.js';

export const operatorChannelVariable = 'DOCFLOW_SLACK_OPERATOR_CHANNEL';
export const operatorIntegrationVariable = 'DOCFLOW_SLACK_OPERATOR_INTEGRATION';

/**
 * The channel told about broken integrations, and the Slack integration that posts there, from the
 * environment; undefined when neither is set. Half a configuration or a malformed channel id is
 * refused at start-up rather than discovered when a connection breaks.
 */
export function operatorChannel(env: ProviderDeps['env']): SlackNotify | undefined {
  const channel = env[operatorChannelVariable];
  const integrationId = env[operatorIntegrationVariable];
  if (!channel && !integrationId) return undefined;
  const parsed = slackNotifySchema.safeParse({ type: 'slack', integrationId, channel, on: ['failed'] });
  if (!parsed.success)
    throw new AppError(
      'invalid_request',
      `${operatorChannelVariable} (a channel id such as C0123ABCD) and ${operatorIntegrationVariable} (the Slack integration's id) must be set together: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
