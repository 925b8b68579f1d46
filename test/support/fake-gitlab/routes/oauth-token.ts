import { randomBytes } from 'node:crypto';
import { fakeBot, malformed, ok, type Route } from '../state.js';

export const fakeOAuthClient = { clientId: 'gl-client', clientSecret: 'gl-client-secret-0123456789' };

/** `POST /oauth/token` with a refresh token: a new pair each time, and the used refresh token is dead. */
export const oauthTokenRoute: Route = {
  method: 'POST',
  pattern: /^\/oauth\/token$/,
  ownAuth: true,
  handle(ctx) {
    if (!(ctx.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
      throw malformed('the token request must be a urlencoded form');
    const form = new URLSearchParams(ctx.raw.toString('utf8'));
    if (
      form.get('client_id') !== fakeOAuthClient.clientId ||
      form.get('client_secret') !== fakeOAuthClient.clientSecret
    )
      return { status: 401, body: { error: 'invalid_client' } };
    if (form.get('grant_type') !== 'refresh_token') throw malformed('only refresh_token grants are faked');
    const used = form.get('refresh_token') ?? '';
    if (!ctx.state.refreshTokens.delete(used))
      return {
        status: 400,
        body: { error: 'invalid_grant', error_description: 'The provided authorization grant is invalid' },
      };
    ctx.state.refreshes += 1;
    const access = `gl_at_${randomBytes(8).toString('hex')}`;
    const refresh = `gl_rt_${randomBytes(8).toString('hex')}`;
    ctx.state.tokens.set(access, fakeBot.id);
    ctx.state.refreshTokens.add(refresh);
    return ok({
      access_token: access,
      refresh_token: refresh,
      expires_in: 7200,
      token_type: 'Bearer',
      scope: 'api read_user',
      created_at: Math.floor(Date.now() / 1000),
    });
  },
};
