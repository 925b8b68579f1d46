import { Router } from 'express';
import { z } from 'zod';
import { auditRequest } from '../audit-request.js';
import { findIntegration, insertIntegration } from '../../db/repositories/integrations.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { authorizeUrl } from '../../integrations/kit/oauth/authorize-url.js';
import { oauthProviders, type OAuthSettings } from '../../integrations/kit/oauth/providers.js';
import { createState, readState } from '../../integrations/kit/oauth/state.js';
import { exchangeCode, requireClient } from '../../integrations/kit/oauth/tokens.js';
import { ensureSchedules } from '../../runs/schedules.js';
import type { ApiDeps } from '../deps.js';
import { defineRoute } from '../route.js';
import { errorSchema } from '../schemas.js';

const connectQuery = z.strictObject({
  subdomain: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, 'must be a Zendesk subdomain like "acme"').optional(),
  /** GitHub: the App connection to install. */
  integrationId: z.string().min(1).optional(),
});

/** Where GitHub's web pages live for an API base URL (github.com, or a GHES host). */
const githubWeb = (baseUrl: string) => (baseUrl.includes('api.github.com') ? 'https://github.com' : baseUrl.replace(/\/api\/v3\/?$/, ''));

/** `GET /v1/integrations/:provider/connect` (admin): to the provider's consent page, with a sealed, expiring state. */
export function oauthConnectRoutes(deps: ApiDeps) {
  return [
    defineRoute<undefined, z.infer<typeof connectQuery>>({
      method: 'get', path: '/v1/integrations/:provider/connect', tag: 'integrations', role: 'admin',
      summary: 'Start connecting a provider: redirects (302) to its consent page (OAuth 2.0 with PKCE where supported; GitHub: the App installation page)',
      query: connectQuery,
      responses: { 302: { description: 'Redirect to the provider', schema: z.object({ authorizeUrl: z.string() }) }, 404: { description: 'Unknown provider', schema: errorSchema }, 501: { description: 'No OAuth app configured for the provider', schema: errorSchema } },
      async handle({ params, query, actor, res }) {
        const provider = params.provider!;
        let url: string;
        if (provider === 'github') {
          const row = query.integrationId ? await findIntegration(deps.db, query.integrationId) : undefined;
          const slug = (row?.settings as { appSlug?: string } | undefined)?.appSlug;
          if (!row || row.provider !== 'github' || !slug) throw new AppError('invalid_request', 'give integrationId of a GitHub App connection made with "appSlug"', [{ path: 'integrationId', message: 'not a GitHub App connection with an app slug' }]);
          const state = createState(deps.secrets, { provider, actor: actor.id, settings: { integrationId: row.id } });
          url = `${githubWeb(row.base_url)}/apps/${slug}/installations/new?state=${encodeURIComponent(state)}`;
        } else {
          const descriptor = oauthProviders[provider];
          if (!descriptor) throw new AppError('not_found', `no OAuth provider "${provider}" (known: github, ${Object.keys(oauthProviders).join(', ')})`);
          const client = requireClient(deps.oauthClients ?? {}, provider);
          for (const field of descriptor.settings) {
            if (!(query as Record<string, unknown>)[field]) throw new AppError('invalid_request', `connecting ${provider} needs ?${field}=`, [{ path: field, message: 'required' }]);
          }
          const settings: OAuthSettings = { ...(query.subdomain ? { subdomain: query.subdomain } : {}), ...(deps.oauthClients?.[provider]?.baseUrl ? { baseUrl: deps.oauthClients[provider]!.baseUrl } : {}) };
          url = authorizeUrl(descriptor, settings, client, (verifier) => createState(deps.secrets, { provider, actor: actor.id, settings, ...(verifier ? { verifier } : {}) }));
        }
        res.set('location', url);
        return { status: 302, body: { authorizeUrl: url } };
      },
    }),
  ];
}

/** `GET /oauth/:provider/callback`: authenticated by the sealed state, not by an API key. */
export function oauthCallbackRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/oauth/:provider/callback', async (req, res) => {
    const provider = req.params.provider!;
    const q = req.query as Record<string, string | undefined>;
    if (q.error) throw new AppError('invalid_request', `${provider} did not grant access: ${q.error}${q.error_description ? ` (${q.error_description})` : ''}`);
    if (!q.state) throw new AppError('invalid_request', 'the callback has no state parameter');
    const state = readState(deps.secrets, q.state, provider);

    if (provider === 'github') {
      const integrationId = String(state.settings.integrationId);
      if (!q.installation_id || !/^\d+$/.test(q.installation_id)) throw new AppError('invalid_request', 'GitHub sent no installation_id');
      await auditRequest(deps.db, req, state.actor, 'integration.install', `${integrationId} installation ${q.installation_id}`);
      res.json({ id: integrationId, provider, installationId: Number(q.installation_id), setupAction: q.setup_action ?? 'install' });
      return;
    }

    const descriptor = oauthProviders[provider];
    if (!descriptor) throw new AppError('not_found', `no OAuth provider "${provider}"`);
    if (!q.code) throw new AppError('invalid_request', 'the callback has no code parameter');
    const settings = state.settings as OAuthSettings;
    const tokens = await exchangeCode(descriptor, settings, requireClient(deps.oauthClients ?? {}, provider), q.code, state.verifier);
    const id = newId('int');
    const row = await deps.db.transaction().execute(async (tx) => {
      const inserted = await insertIntegration(tx, {
        id,
        provider,
        baseUrl: new URL(descriptor.tokenUrl(settings)).origin,
        settings: { oauth: true, ...settings, ...(tokens.expiresAt ? { expiresAt: tokens.expiresAt } : {}), ...(tokens.scope ? { scope: tokens.scope } : {}) },
        sealedSecrets: deps.secrets.seal(JSON.stringify(tokens)),
        createdBy: state.actor,
      });
      await ensureSchedules(deps.temporal.client, deps.temporal.taskQueue, [{ scheduleId: `health-${id}`, every: '15m', workflowType: 'checkConnectionWorkflow', args: [{ integrationId: id }] }]);
      return inserted;
    });
    await auditRequest(deps.db, req, state.actor, 'integration.create', `${row.id} (${provider} OAuth)`);
    res.json({ id: row.id, provider, status: row.status });
  });
  return router;
}
