import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Db } from '../db/database.js';
import { findWebSession, type WebSession } from '../db/repositories/web-sessions.js';

export const sessionCookie = 'docflow_session';
/** Double-submit token for the sign-in form (there is no session yet to hold one). */
export const loginCsrfCookie = 'docflow_login_csrf';

export interface CookieOptions {
  /** `Secure` cookies: on in production (HTTPS); off for http://localhost. */
  secure: boolean;
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    if (!name || Object.hasOwn(cookies, name)) continue;
    try {
      cookies[name] = decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      // a malformed value is ignored
    }
  }
  return cookies;
}

export function setCookie(
  res: Response,
  name: string,
  value: string,
  options: CookieOptions,
  maxAgeSeconds?: number,
): void {
  const attributes = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'HttpOnly', 'SameSite=Strict'];
  if (maxAgeSeconds !== undefined) attributes.push(`Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`);
  if (options.secure) attributes.push('Secure');
  res.append('set-cookie', attributes.join('; '));
}

export const clearCookie = (res: Response, name: string, options: CookieOptions) =>
  setCookie(res, name, '', options, 0);

export const newToken = () => randomBytes(32).toString('base64url');

export function sameToken(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || !given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Loads the session named by the cookie, if it is live, into `res.locals.webSession`. */
export function loadSession(db: Db): RequestHandler {
  return async (req, res, next) => {
    const token = parseCookies(req.get('cookie'))[sessionCookie];
    if (token) res.locals.webSession = await findWebSession(db, token);
    next();
  };
}

export const sessionOf = (res: Response): WebSession | undefined => res.locals.webSession as WebSession | undefined;

/** The CSRF token a change must carry: a form field `_csrf` or an `x-csrf-token` header. */
export const csrfOf = (req: Request): unknown =>
  (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
