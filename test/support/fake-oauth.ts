import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OAuth 2.0 authorization server (RFC 6749 + PKCE, RFC 7636) that rotates refresh tokens
 * like Zendesk and Linear do: each refresh token works once, a reused one answers invalid_grant.
 * `consent(url)` plays the user clicking "allow" on the authorize URL docflow redirected to.
 */
export async function startFakeOAuth(options: {
  clientId: string;
  clientSecret: string;
  tokenPath: string;
  healthPath: string;
  accessTtlSeconds?: number;
  refreshDelayMs?: number;
}) {
  const codes = new Map<string, { redirectUri: string; challenge?: string }>();
  const access = new Set<string>();
  const refresh = new Set<string>();
  const problems: string[] = [];
  let refreshes = 0;
  const issue = () => {
    const pair = {
      access_token: `at_${randomBytes(8).toString('hex')}`,
      refresh_token: `rt_${randomBytes(8).toString('hex')}`,
    };
    access.add(pair.access_token);
    refresh.add(pair.refresh_token);
    return { ...pair, token_type: 'bearer', expires_in: options.accessTtlSeconds ?? 3600, scope: 'read' };
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', async () => {
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET' && url.pathname === options.healthPath) {
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        return token && access.has(token) ? send(200, { ok: true }) : send(401, { error: 'invalid_token' });
      }
      if (req.method !== 'POST' || url.pathname !== options.tokenPath) return send(404, { error: 'not_found' });
      if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
        problems.push('token request is not form-encoded');
      const form = new URLSearchParams(raw);
      if (form.get('client_id') !== options.clientId || form.get('client_secret') !== options.clientSecret)
        return send(401, { error: 'invalid_client' });
      if (form.get('grant_type') === 'authorization_code') {
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        if (!grant || grant.redirectUri !== form.get('redirect_uri')) return send(400, { error: 'invalid_grant' });
        if (
          grant.challenge &&
          createHash('sha256')
            .update(form.get('code_verifier') ?? '')
            .digest('base64url') !== grant.challenge
        )
          return send(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
        return send(200, issue());
      }
      if (form.get('grant_type') === 'refresh_token') {
        const token = form.get('refresh_token') ?? '';
        if (!refresh.delete(token))
          return send(400, { error: 'invalid_grant', error_description: 'refresh token already used or unknown' });
        refreshes++;
        if (options.refreshDelayMs) await new Promise((r) => setTimeout(r, options.refreshDelayMs));
        return send(200, issue());
      }
      return send(400, { error: 'unsupported_grant_type' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    problems,
    refreshCount: () => refreshes,
    revokeAll: () => access.clear(),
    /** The user approves: validates the authorize request and returns the callback query docflow receives. */
    consent(authorizeUrl: string, redirectUri: string): { code: string; state: string } {
      const url = new URL(authorizeUrl);
      if (url.searchParams.get('client_id') !== options.clientId) throw new Error('authorize: wrong client_id');
      if (url.searchParams.get('redirect_uri') !== redirectUri) throw new Error('authorize: wrong redirect_uri');
      if (url.searchParams.get('response_type') !== 'code') throw new Error('authorize: response_type must be code');
      const state = url.searchParams.get('state');
      if (!state) throw new Error('authorize: no state');
      const challenge = url.searchParams.get('code_challenge') ?? undefined;
      if (challenge && url.searchParams.get('code_challenge_method') !== 'S256')
        throw new Error('authorize: PKCE must use S256');
      const code = `code_${randomBytes(8).toString('hex')}`;
      codes.set(code, { redirectUri, challenge });
      return { code, state };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
