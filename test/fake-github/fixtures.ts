import { Octokit } from 'octokit';
import { afterEach, beforeEach, expect } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/index.js';

export const DOCS_FILES = {
  'README.md': '# Docs\n\nWelcome to the product.\n',
  'docs/intro.md': '# Introduction\n\nThis app serves things.\nIt has a --port flag.\n',
  'docs/cli.md': ['# CLI', '', ...Array.from({ length: 30 }, (_, i) => `- option ${i}`), ''].join('\n'),
};

/** A fake with `acme/docs` seeded, and a personal-token client for it. */
export async function fakeWithDocs(): Promise<{ fake: FakeGitHub; octokit: Octokit; headSha: string }> {
  const fake = await startFakeGitHub();
  const { headSha } = fake.addRepo('acme/docs', { files: DOCS_FILES, topics: ['docflow'] });
  return { fake, octokit: client(fake), headSha };
}

/** A personal-token client without retries, so failures surface at once. */
export function client(fake: FakeGitHub, auth = 'ghp_test'): Octokit {
  return new Octokit({ auth, baseUrl: fake.url, retry: { enabled: false }, throttle: { enabled: false } });
}

/** The status of a request that is expected to fail. */
export async function statusOf(request: Promise<unknown>): Promise<number> {
  try {
    await request;
    return 200;
  } catch (error) {
    return (error as { status: number }).status;
  }
}

/** octokit.request without its parameter types, to send what GitHub would reject. */
export const untyped = (octokit: Octokit) =>
  octokit.request as unknown as (route: string, params: Record<string, unknown>) => Promise<unknown>;

/** A fresh `fakeWithDocs()` per test, checked afterwards for requests GitHub would have rejected. */
export function useFakeWithDocs(): { fake: FakeGitHub; octokit: Octokit; headSha: string } {
  const ctx = {} as { fake: FakeGitHub; octokit: Octokit; headSha: string };
  beforeEach(async () => {
    Object.assign(ctx, await fakeWithDocs());
  });
  afterEach(async () => {
    expect(ctx.fake.violations).toEqual([]);
    await ctx.fake.close();
  });
  return ctx;
}
