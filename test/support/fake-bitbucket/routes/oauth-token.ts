import { randomBytes } from 'node:crypto';
import { HttpError, malformed, ok, type Route } from '../state.js';

export const fakeOAuthClient = { clientId: 'bb-client', clientSecret: 'bb-client-secret-0123456789' };

/** `POST /site/oauth2/access_token` with a refresh token: a new pair each time, and the used refresh token is dead. */
export const oauthTokenRoute: Route = {
  method: 'POST',
  pattern: /^\/site\/oauth2\/access_token$/,
  ownAuth: true,
  handle(ctx) {
    const basic = `Basic ${Buffer.from(`${fakeOAuthClient.clientId}:${fakeOAuthClient.clientSecret}`).toString('base64')}`;
    if (ctx.headers.authorization !== basic) throw new HttpError(401, 'invalid_client');
    if (!(ctx.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
      throw malformed('the token request must be a urlencoded form');
    const form = new URLSearchParams(ctx.raw.toString('utf8'));
    if (form.get('grant_type') !== 'refresh_token') throw malformed('only refresh_token grants are faked');
    const used = form.get('refresh_token') ?? '';
    if (!ctx.state.refreshTokens.delete(used))
      return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid refresh_token' } };
    ctx.state.refreshes += 1;
    const access = `bb_at_${randomBytes(8).toString('hex')}`;
    const refresh = `bb_rt_${randomBytes(8).toString('hex')}`;
    ctx.state.accepted.add(`Bearer ${access}`);
    ctx.state.refreshTokens.add(refresh);
    return ok({
      access_token: access,
      refresh_token: refresh,
      expires_in: 7200,
      token_type: 'bearer',
      scopes: 'repository',
    });
  },
};
