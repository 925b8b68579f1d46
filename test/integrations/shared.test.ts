import { describe, expect, it } from 'vitest';
import { boundDiff } from '../../integrations/kit/bound-diff.js';
import { filterChangedFiles } from '../../integrations/kit/change-filters.js';
import { hmacMatches } from '../../integrations/kit/signatures.js';
import { rateLimitDelayMs } from '../../integrations/kit/rate-limit.js';

describe('hmacMatches', () => {
  it('accepts the published test vectors', () => {
    // Bitbucket's documented vector, and GitHub's ("Validating webhook deliveries").
    expect(
      hmacMatches({
        secret: "It's a Secret to Everybody",
        payload: 'Hello World!',
        signature: 'sha256=a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9',
        prefix: 'sha256=',
      }),
    ).toBe(true);
    expect(
      hmacMatches({
        secret: "It's a Secret to Everybody",
        payload: 'Hello, World!',
        signature: 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
        prefix: 'sha256=',
      }),
    ).toBe(true);
  });

  it('refuses missing, truncated, re-prefixed or wrong signatures', () => {
    const ok = { secret: 's', payload: 'body', prefix: 'sha256=' };
    for (const signature of [
      undefined,
      '',
      'sha256=',
      'sha256=00',
      'sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      'sha256=' + 'f'.repeat(64),
    ]) {
      expect(hmacMatches({ ...ok, signature })).toBe(false);
    }
  });
});

describe('rateLimitDelayMs', () => {
  const now = 1_700_000_000_000;
  it('reads retry-after seconds and dates, and the reset time when the budget is spent', () => {
    expect(rateLimitDelayMs(429, { 'retry-after': '7' }, now)).toBe(7000);
    expect(rateLimitDelayMs(403, { 'retry-after': new Date(now + 5000).toUTCString() }, now)).toBe(5000);
    expect(
      rateLimitDelayMs(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 30) }, now),
    ).toBe(31_000);
    expect(rateLimitDelayMs(429, {}, now)).toBe(60_000);
  });
  it('reads the unprefixed RateLimit-Reset as an epoch time or as seconds from now', () => {
    expect(rateLimitDelayMs(429, { 'ratelimit-remaining': '0', 'ratelimit-reset': String(now / 1000 + 30) }, now)).toBe(
      31_000,
    );
    expect(rateLimitDelayMs(429, { 'ratelimit-remaining': '0', 'ratelimit-reset': '12' }, now)).toBe(13_000);
    expect(rateLimitDelayMs(403, { 'ratelimit-remaining': '5', 'ratelimit-reset': '12' }, now)).toBeUndefined();
  });
  it('is undefined for errors that are not rate limits', () => {
    expect(rateLimitDelayMs(403, { 'x-ratelimit-remaining': '12' }, now)).toBeUndefined();
    expect(rateLimitDelayMs(500, { 'retry-after': '1' }, now)).toBeUndefined();
  });
});

describe('path filters', () => {
  it('keeps files matching paths and not ignorePaths, and says why a change is skipped', () => {
    expect(
      filterChangedFiles(['src/a.ts', 'src/a.test.ts', 'README.md'], {
        paths: ['src/**'],
        ignorePaths: ['**/*.test.ts'],
      }),
    ).toEqual({ kept: ['src/a.ts'] });
    expect(filterChangedFiles(['docs/x.md'], { paths: ['src/**'], ignorePaths: [] }).skip).toMatchObject({
      reason: 'paths_filtered',
    });
    expect(filterChangedFiles(['.github/workflows/ci.yml', '.eslintrc'], undefined).skip).toMatchObject({
      reason: 'dotfiles_only',
    });
    expect(filterChangedFiles(['.github/x.yml', 'src/a.ts'], undefined)).toEqual({
      kept: ['.github/x.yml', 'src/a.ts'],
    });
  });
});

describe('boundDiff', () => {
  const section = (path: string, lines: number) =>
    `diff --git a/${path} b/${path}\n--- a/${path}\n+++ b/${path}\n@@ -1 +1,${lines} @@\n${'+x\n'.repeat(lines)}`;
  it('keeps the kept files within budget, leaving out the largest first, and names what it left out', () => {
    const diff = section('a.ts', 2) + section('lock.json', 500) + section('b.ts', 3) + section('ignored.ts', 1);
    const bounded = boundDiff(diff, new Set(['a.ts', 'lock.json', 'b.ts']), 200);
    expect(bounded.diff).toBe(section('a.ts', 2) + section('b.ts', 3));
    expect(bounded.omitted).toEqual(['lock.json']);
  });
});
