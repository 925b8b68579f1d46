import { createPublicKey, randomBytes, verify } from 'node:crypto';

export type Identity =
  | { kind: 'app'; appId: string }
  | { kind: 'installation'; installationId: number; repos?: Set<string> }
  | { kind: 'token' };
export type AuthResult = Identity | { kind: 'none'; message: string };
export interface InstallationToken {
  installationId: number;
  repos?: Set<string>;
  expiresAt: number;
}

const MAX_JWT_LIFETIME = 600;

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Checks an App JWT as GitHub does: RS256, `iss` is the app id, `iat`/`exp` at most ten minutes apart and current. */
export function checkAppJwt(jwt: string, options: { appId?: number; publicKeyPem?: string }): AuthResult {
  const [head, payload, signature] = jwt.split('.');
  const header = decodePart(head ?? '');
  const claims = decodePart(payload ?? '');
  if (!header || !claims || signature === undefined)
    return { kind: 'none', message: 'A JSON web token could not be decoded' };
  if (header.alg !== 'RS256') return { kind: 'none', message: "'alg' must be RS256" };
  if (options.publicKeyPem) {
    const key = createPublicKey(options.publicKeyPem);
    if (!verify('RSA-SHA256', Buffer.from(`${head}.${payload}`), key, Buffer.from(signature, 'base64url')))
      return { kind: 'none', message: 'A JSON web token could not be decoded' };
  }
  const now = Math.floor(Date.now() / 1000);
  const { iat, exp, iss } = claims;
  if (typeof iat !== 'number' || iat > now + 60)
    return { kind: 'none', message: "'Issued at' claim ('iat') must be an Integer representing a time in the past" };
  if (typeof exp !== 'number' || exp <= now || exp - iat > MAX_JWT_LIFETIME)
    return {
      kind: 'none',
      message:
        "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    };
  if (iss === undefined || (options.appId !== undefined && String(iss) !== String(options.appId)))
    return { kind: 'none', message: "'Issuer' claim ('iss') must be an Integer" };
  return { kind: 'app', appId: String(iss) };
}

/** Who an Authorization header speaks for: an App (JWT), an installation (`ghs_`), or a personal token. */
export function authenticate(
  header: string | undefined,
  tokens: Map<string, InstallationToken>,
  options: { appId?: number; publicKeyPem?: string },
): AuthResult {
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? '');
  if (!match) return { kind: 'none', message: 'Requires authentication' };
  const credential = match[1];
  if (/^(ghp_|github_pat_)/.test(credential)) return { kind: 'token' };
  const installation = tokens.get(credential);
  if (installation) {
    if (installation.expiresAt > Date.now())
      return { kind: 'installation', installationId: installation.installationId, repos: installation.repos };
    return { kind: 'none', message: 'Bad credentials' };
  }
  if (credential.split('.').length === 3) return checkAppJwt(credential, options);
  return { kind: 'none', message: 'Bad credentials' };
}

export function issueToken(): string {
  return `ghs_${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x')}`;
}
