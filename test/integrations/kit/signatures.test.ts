import * as crypto from 'node:crypto';
import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  hmacMatches,
  standardWebhookMatches,
  timestampedHmacMatches,
  tokenMatches,
  withinReplayWindow,
} from '../../../integrations/kit/signatures.js';

// Watch the constant-time comparison without changing it.
vi.mock('node:crypto', async (original) => {
  const actual = await original<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const sign = (algorithm: 'sha256' | 'sha1', secret: string | Buffer, text: string, encoding: 'hex' | 'base64') =>
  createHmac(algorithm, secret).update(text).digest(encoding);

describe('HMAC of the body (hex and base64, SHA-256 and SHA-1)', () => {
  // GitHub's documented example ("Validating webhook deliveries").
  const github = {
    secret: "It's a Secret to Everybody",
    payload: 'Hello, World!',
    signature: 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
  };

  it('accepts the published GitHub example, as text and as bytes', () => {
    expect(hmacMatches({ ...github, prefix: 'sha256=' })).toBe(true);
    expect(hmacMatches({ ...github, payload: Buffer.from(github.payload), prefix: 'sha256=' })).toBe(true);
  });

  it.each([
    ['a missing signature', { signature: undefined }],
    ['an empty signature', { signature: '' }],
    ['the signature without its prefix', { signature: github.signature.slice('sha256='.length) }],
    ['another prefix', { signature: github.signature.replace('sha256=', 'sha1=') }],
    ['a wrong secret', { secret: "It's a Secret to Nobody" }],
    ['a changed body', { payload: 'Hello, World?' }],
    ['a truncated signature', { signature: github.signature.slice(0, -2) }],
    ['an upper-cased signature', { signature: github.signature.toUpperCase().replace('SHA256=', 'sha256=') }],
  ])('refuses %s', (_name, change) => {
    expect(hmacMatches({ ...github, prefix: 'sha256=', ...change })).toBe(false);
  });

  it('checks base64 signatures', () => {
    const signature = sign('sha256', 's3cret', '{"a":1}', 'base64');
    expect(hmacMatches({ secret: 's3cret', payload: '{"a":1}', signature, encoding: 'base64' })).toBe(true);
    expect(
      hmacMatches({
        secret: 's3cret',
        payload: '{"a":1}',
        signature: sign('sha256', 's3cret', '{"a":1}', 'hex'),
        encoding: 'base64',
      }),
    ).toBe(false);
    expect(hmacMatches({ secret: 's3cret', payload: '{"a":2}', signature, encoding: 'base64' })).toBe(false);
  });

  it('checks SHA-1 signatures only when SHA-1 is asked for', () => {
    const signature = `sha1=${sign('sha1', 'legacy', 'body', 'hex')}`;
    expect(hmacMatches({ secret: 'legacy', payload: 'body', signature, algorithm: 'sha1', prefix: 'sha1=' })).toBe(
      true,
    );
    expect(hmacMatches({ secret: 'legacy', payload: 'body', signature, prefix: 'sha1=' })).toBe(false);
    expect(
      hmacMatches({
        secret: 'legacy',
        payload: 'body',
        signature: `sha1=${sign('sha256', 'legacy', 'body', 'hex')}`,
        algorithm: 'sha1',
        prefix: 'sha1=',
      }),
    ).toBe(false);
  });
});

describe('plain shared token', () => {
  it('matches only the exact token, compared in constant time', () => {
    const compare = vi.mocked(crypto.timingSafeEqual);
    compare.mockClear();
    expect(tokenMatches('glpat-token-value', 'glpat-token-value')).toBe(true);
    expect(compare).toHaveBeenCalledTimes(1);
    expect(tokenMatches('glpat-token-value', 'glpat-token-valuf')).toBe(false);
    expect(compare).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['a prefix of it', 'glpat-token'],
    ['longer', 'glpat-token-value '],
    ['differently cased', 'GLPAT-TOKEN-VALUE'],
  ])('refuses a token that is %s', (_name, given) => {
    expect(tokenMatches('glpat-token-value', given)).toBe(false);
  });
});

describe('replay window', () => {
  const now = 1_700_000_000_000;
  it.each([
    ['now', '1700000000', true],
    ['at the edge of the window, in the past', '1699999700', true],
    ['at the edge of the window, in the future', '1700000300', true],
    ['too old', '1699999699', false],
    ['too far in the future', '1700000301', false],
    ['missing', undefined, false],
    ['empty', '', false],
    ['not a number', 'yesterday', false],
    ['negative', '-1700000000', false],
    ['fractional', '1700000000.5', false],
    ['in milliseconds', '1700000000000', false],
    ['in exponent notation', '1.7e9', false],
    ['padded', ' 1700000000', false],
  ])('a timestamp %s → %s', (_name, timestamp, expected) => {
    expect(withinReplayWindow(timestamp, 300, now)).toBe(expected);
  });
});

describe('timestamped HMAC (Slack and Zendesk style)', () => {
  const now = 1_700_000_000_000;
  const body = 'token=x&team_id=T1&text=hello';
  const slack = (timestamp: string, secret = 'slack-signing-secret') =>
    `v0=${sign('sha256', secret, `v0:${timestamp}:${body}`, 'hex')}`;
  const check = (timestamp: string | undefined, signature: string | undefined, text = body) =>
    timestampedHmacMatches({
      secret: 'slack-signing-secret',
      timestamp,
      signature,
      signedText: (ts) => `v0:${ts}:${text}`,
      prefix: 'v0=',
      now,
    });

  it('accepts a fresh, correctly signed delivery', () => {
    expect(check('1700000000', slack('1700000000'))).toBe(true);
    expect(check('1699999950', slack('1699999950'))).toBe(true);
  });

  it.each([
    ['too old', '1699999000'],
    ['from the future', '1700001000'],
    ['malformed', '17e8'],
    ['empty', ''],
  ])('refuses a signature over a timestamp that is %s, even when the signature is right', (_name, timestamp) => {
    expect(check(timestamp, slack(timestamp))).toBe(false);
  });

  it('refuses a missing timestamp or signature, a wrong secret, a changed body and a signature moved to another timestamp', () => {
    expect(check(undefined, slack('1700000000'))).toBe(false);
    expect(check('1700000000', undefined)).toBe(false);
    expect(check('1700000000', slack('1700000000', 'other-secret'))).toBe(false);
    expect(check('1700000000', slack('1700000000'), `${body}&admin=1`)).toBe(false);
    expect(check('1700000001', slack('1700000000'))).toBe(false);
    expect(check('1700000000', slack('1700000000').replace('v0=', 'v1='))).toBe(false);
  });

  it('honours a narrower window and base64 signatures (Zendesk: HMAC of timestamp + body)', () => {
    const timestamp = '1699999900';
    const signature = sign('sha256', 'zendesk-secret', `${timestamp}${body}`, 'base64');
    const zendesk = (toleranceSeconds?: number) =>
      timestampedHmacMatches({
        secret: 'zendesk-secret',
        timestamp,
        signature,
        signedText: (ts) => `${ts}${body}`,
        encoding: 'base64',
        toleranceSeconds,
        now,
      });
    expect(zendesk()).toBe(true);
    expect(zendesk(60)).toBe(false);
  });
});

describe('Standard Webhooks', () => {
  // The specification's published test vector (also used by the svix and standard-webhooks libraries).
  const vector = {
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
    timestamp: '1614265330',
    signatures: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    body: Buffer.from('{"test": 2432232314}'),
    now: 1614265330 * 1000,
  };

  it('accepts the published test vector, with or without the whsec_ prefix', () => {
    expect(standardWebhookMatches(vector)).toBe(true);
    expect(standardWebhookMatches({ ...vector, secret: vector.secret.slice('whsec_'.length) })).toBe(true);
  });

  it('accepts any one of several space-separated v1 signatures (secret rotation) and ignores other versions', () => {
    const good = vector.signatures;
    expect(
      standardWebhookMatches({ ...vector, signatures: `v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= ${good}` }),
    ).toBe(true);
    expect(standardWebhookMatches({ ...vector, signatures: `${good} v1a,whatever` })).toBe(true);
    expect(standardWebhookMatches({ ...vector, signatures: good.replace('v1,', 'v2,') })).toBe(false);
    expect(standardWebhookMatches({ ...vector, signatures: good.slice(3) })).toBe(false);
    expect(
      standardWebhookMatches({ ...vector, signatures: 'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= v1,BBBB' }),
    ).toBe(false);
  });

  it.each([
    ['a changed body', { body: Buffer.from('{"test": 2432232315}') }],
    ['another message id', { id: 'msg_other' }],
    ['a missing message id', { id: undefined }],
    ['a missing signature header', { signatures: undefined }],
    ['another secret', { secret: 'whsec_c2VjcmV0LW9mLWEtcm90YXRlZC1lbmRwb2ludA==' }],
    ['a timestamp outside the window', { now: (1614265330 + 301) * 1000 }],
    ['a timestamp from the future', { now: (1614265330 - 301) * 1000 }],
    ['a malformed timestamp', { timestamp: '1614265330abc' }],
    ['a signature checked today (a replay)', { now: Date.now() }],
  ])('refuses %s', (_name, change) => {
    expect(standardWebhookMatches({ ...vector, ...change })).toBe(false);
  });
});
