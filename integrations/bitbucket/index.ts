import { AppError } from '../../core/errors.js';
import type { ProviderDefinition } from '../contract.js';
import { safeFetch } from '../kit/safe-fetch.js';
import { assertPublicUrl } from '../kit/url-guard.js';
import { bitbucketApi } from './api.js';
import { checkBitbucketCredentials } from './check-credentials.js';
import { createBitbucketClients } from './clients.js';
import { createBitbucketDestination } from './destination.js';
import { bitbucketOAuth } from './oauth.js';
import {
  bitbucketConnectionSchema,
  bitbucketContextSchema,
  bitbucketDestinationSchema,
  bitbucketSourceSchema,
  bitbucketTriggerSchema,
} from './schemas.js';
import { createBitbucketSource } from './source.js';
import { createBitbucketWebhook } from './webhook.js';

/** Bitbucket Cloud: pull requests trigger runs, code is context, docs repositories receive pull requests. */
export const bitbucket: ProviderDefinition = {
  provider: 'bitbucket',
  title: 'Bitbucket',
  oauth: bitbucketOAuth,
  reconnectHint:
    'Check that the Bitbucket API or access token is still valid and has the repository, pull request and webhook scopes (App passwords no longer work); then disconnect the integration and connect it again (see the README, "Bitbucket").',
  examples: {
    source: (context) => ({
      type: 'bitbucket',
      integrationId: context.integrationId ?? '',
      repo: 'workspace/repo',
      base: 'main',
      head: '',
    }),
  },
  schemas: {
    trigger: bitbucketTriggerSchema as never,
    context: bitbucketContextSchema,
    source: bitbucketSourceSchema,
    destination: bitbucketDestinationSchema,
    connection: bitbucketConnectionSchema as never,
  },
  create(deps) {
    const clients = createBitbucketClients(deps);
    return {
      source: createBitbucketSource(clients),
      destination: createBitbucketDestination(clients),
      webhook: createBitbucketWebhook(clients),
      connection: {
        async prepare(body) {
          const connection = bitbucketConnectionSchema.parse(body);
          const { auth } = connection;
          if (auth.type === 'oauth')
            throw new AppError(
              'invalid_request',
              'Bitbucket OAuth connects through the consent page: GET /v1/integrations/bitbucket/connect',
              [{ path: 'auth.type', message: 'use the OAuth flow, or an api_token or access_token here' }],
            );
          await assertPublicUrl(connection.baseUrl, deps.allowPrivateUrls);
          const baseUrl = connection.baseUrl.replace(/\/$/, '');
          const header =
            auth.type === 'api_token'
              ? `Basic ${Buffer.from(`${auth.email}:${auth.token}`).toString('base64')}`
              : `Bearer ${auth.token}`;
          const fetch = safeFetch({ allowPrivate: deps.allowPrivateUrls });
          await checkBitbucketCredentials(
            bitbucketApi(baseUrl, async () => header, fetch),
            baseUrl,
          );
          return {
            baseUrl,
            settings: { auth: auth.type },
            secrets: {
              webhookSecret: connection.webhookSecret,
              token: auth.token,
              ...(auth.type === 'api_token' ? { email: auth.email } : {}),
            },
          };
        },
      },
    };
  },
};
