import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeContext } from '../../../core/change.js';
import { isAppError } from '../../../core/errors.js';
import type { Project } from '../../../core/project.js';
import type { ContextProvider } from '../../../integrations/contract.js';
import { linear } from '../../../integrations/linear/index.js';
import { namedIssueKeys } from '../../../integrations/linear/issue-keys.js';
import { linearContextSchema } from '../../../integrations/linear/schemas.js';
import { fakeLinearApiKey, startFakeLinear, type FakeLinear } from '../../support/fake-linear/index.js';
import { providerDefaults } from '../../support/provider-deps.js';
import { connectLinearToFake, linearAgainstFakes } from '../contracts/linear-connection.js';
import { contractSecrets } from '../contracts/against-fakes.js';
import { openDatabase } from '../../../db/database.js';

const change = (extra: Partial<ChangeContext>): ChangeContext => ({
  sourceLabel: 'acme/app#7',
  commits: [],
  diff: '',
  files: [],
  ...extra,
});

describe('issue keys a change names', () => {
  it('reads the label, the note, commit messages and the branch, keeping the entry teams apart', () => {
    const keys = namedIssueKeys(
      change({
        sourceLabel: 'acme/app#7 (ENG-12)',
        note: 'Pull request #7: Add --timeout\n\nCloses ENG-123, relates to OPS-7 and ENG-12.',
        commits: [
          { sha: 'a', message: 'feat: timeout (ENG-124)' },
          { sha: 'b', message: 'chore: utf-8 and UTF-8, sha-256, eng-5 lower case' },
        ],
        branch: 'alice/eng-125-timeout',
      }),
      ['ENG'],
    );
    expect(keys).toEqual({ allowed: ['ENG-12', 'ENG-123', 'ENG-124', 'ENG-125'], otherTeams: ['OPS-7', 'UTF-8'] });
  });

  it('takes no key from words glued to it or from versions and ranges', () => {
    const keys = namedIssueKeys(change({ note: 'XENG-1 ENG-1a ENG-0 ENG-1-2 v1.2 ENG_3 (ENG-9)' }), ['ENG']);
    expect(keys.allowed).toEqual(['ENG-9']);
  });

  it('ignores a branch key of another team (branch names are full of words and numbers)', () => {
    expect(namedIssueKeys(change({ branch: 'fix-2-ops-7' }), ['ENG'])).toEqual({ allowed: [], otherTeams: [] });
  });

  it('accepts upper-case team keys only in a context entry', () => {
    const parsed = linearContextSchema.safeParse({ type: 'linear', integrationId: 'int_1', teams: ['eng'] });
    expect(parsed.success).toBe(false);
    expect(linearContextSchema.parse({ type: 'linear', integrationId: 'int_1', teams: ['ENG'] }).maxIssues).toBe(10);
  });
});

describe('Linear context against the fake', () => {
  let fake: FakeLinear;
  const setup = linearAgainstFakes();
  let provider: ContextProvider<Record<string, unknown> & { type: string }>;
  let entry: { type: string; integrationId: string; teams: string[]; maxIssues: number };
  beforeAll(async () => {
    fake = await startFakeLinear();
    fake.addIssue({
      identifier: 'ENG-123',
      title: 'Requests hang forever',
      description: 'Add a `--timeout` flag. Reported by jane@customer.test.',
      state: { name: 'In Progress', type: 'started' },
      labels: ['cli', 'docs'],
      comments: [
        { body: 'Default should be 5 seconds, says Jane Roe', author: 'Jane Roe', createdAt: '2026-01-02T10:00:00Z' },
        { body: 'Agreed on milliseconds.', author: 'Bob', createdAt: '2026-01-01T10:00:00Z' },
      ],
    });
    fake.addIssue({ identifier: 'OPS-7', title: 'Secret ops work' });
    fake.addIssue({ identifier: 'ENG-50', title: 'Moved away' });
    fake.moveIssue('ENG-50', 'OPS-50');
    const { adapters, integrationId } = await setup.connect(fake);
    provider = adapters.contextProvider as typeof provider;
    entry = { type: 'linear', integrationId, teams: ['ENG'], maxIssues: 2 };
  });
  afterAll(async () => {
    await fake.close();
    await setup.close();
  });

  it('adds the named issues of the entry teams with state, labels, description and comments, personal data removed', async () => {
    const before = fake.requests.length;
    const { references, notes } = await provider.enrich(
      entry,
      change({ note: 'Closes ENG-123; see OPS-7', commits: [{ sha: 'a', message: 'ENG-404: typo' }] }),
      {} as Project,
    );
    expect(references).toEqual([
      {
        id: 'ENG-123',
        kind: 'issue',
        title: 'Requests hang forever',
        url: 'https://linear.app/acme/issue/eng-123',
        text: [
          'State: In Progress (started)',
          'Labels: cli, docs',
          '',
          'Add a `--timeout` flag. Reported by [email].',
          '',
          '## Comments',
          '',
          'Comment of 2026-01-01:',
          'Agreed on milliseconds.',
          '',
          'Comment of 2026-01-02:',
          'Default should be 5 seconds, says [person]',
        ].join('\n'),
      },
    ]);
    expect(notes).toEqual([
      "OPS-7: not read, team OPS is not among the Linear entry's teams (ENG)",
      'ENG-404: not found in Linear, or not visible to the connection',
    ]);
    // The other team's issue was never asked for.
    const asked = fake.requests.slice(before).map((r) => r.variables.id);
    expect(asked).toEqual(['ENG-123', 'ENG-404']);
    expect(fake.refused).toEqual([]);
  });

  it('leaves out an issue moved to another team, and keys beyond maxIssues', async () => {
    const { references, notes } = await provider.enrich(
      entry,
      change({ note: 'ENG-50 ENG-123 ENG-1 ENG-2' }),
      {} as Project,
    );
    expect(references.map((r) => r.id)).toEqual(['ENG-123']);
    expect(notes).toEqual([
      'ENG-1, ENG-2: not read, at most 2 Linear issues a run',
      "ENG-50: not read, it is now OPS-50 of team OPS, not among the entry's teams",
    ]);
  });

  it('asks Linear nothing when the change names no issue of the entry teams', async () => {
    const before = fake.requests.length;
    expect(await provider.enrich(entry, change({ note: 'OPS-7 only' }), {} as Project)).toEqual({
      references: [],
      notes: ["OPS-7: not read, team OPS is not among the Linear entry's teams (ENG)"],
    });
    expect(fake.requests.length).toBe(before);
  });

  it('says so in the notes when Linear refuses the stored key, and refuses such an entry in a project', async () => {
    const db = await openDatabase({});
    try {
      const adapters = linear.create({
        db,
        secrets: contractSecrets,
        logger: pino({ level: 'silent' }),
        publicUrl: 'http://docflow.test',
        allowPrivateUrls: true,
        ...providerDefaults,
      });
      const integrationId = await connectLinearToFake(db, fake, 'lin_api_revokedKey0123456789abcdefgh');
      const revoked = { ...entry, integrationId };
      const { references, notes } = await adapters.contextProvider!.enrich(
        revoked,
        change({ note: 'ENG-123' }),
        {} as Project,
      );
      expect(references).toEqual([]);
      expect(notes[0]).toMatch(/^ENG-123: not read, Linear refused the credentials of integration int_/);
      const error = await adapters.contextProvider!.validateEntry!(revoked).catch((e: unknown) => e);
      expect(isAppError(error) && error.details).toEqual([
        { path: 'integrationId', message: 'connect the Linear integration again' },
      ]);
    } finally {
      await db.destroy();
    }
  });
});

describe('connecting Linear with a personal API key', () => {
  let fake: FakeLinear;
  beforeAll(async () => {
    fake = await startFakeLinear();
  });
  afterAll(() => fake.close());
  const connection = (allowPrivateUrls: boolean) =>
    linear.create({
      db: undefined as never,
      secrets: contractSecrets,
      logger: pino({ level: 'silent' }),
      publicUrl: 'http://docflow.test',
      allowPrivateUrls,
      ...providerDefaults,
    }).connection!;

  it('checks the key with the viewer query and reports the organization', async () => {
    const prepared = await connection(true).prepare({
      provider: 'linear',
      baseUrl: `${fake.url}/graphql`,
      auth: { type: 'api_key', apiKey: fakeLinearApiKey },
      webhookSecret: 'linear-webhook-secret-0123',
    });
    expect(prepared).toEqual({
      baseUrl: fake.url,
      settings: { auth: 'api_key', identity: { organization: 'Acme', urlKey: 'acme', user: 'Docs Bot' } },
      secrets: { apiKey: fakeLinearApiKey, webhookSecret: 'linear-webhook-secret-0123' },
    });
    expect(fake.requests.slice(-2).map((r) => r.operation)).toEqual(['viewer', 'organization']);
  });

  it('refuses a key Linear refuses, naming the field', async () => {
    const error = await connection(true)
      .prepare({
        provider: 'linear',
        baseUrl: fake.url,
        auth: { type: 'api_key', apiKey: 'lin_api_wrongKey0123456789abcdefgh' },
      })
      .catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe('invalid_request');
    expect(isAppError(error) && error.details).toEqual([{ path: 'auth.apiKey', message: 'refused by Linear' }]);
  });

  it('refuses a private base URL unless private URLs are allowed, before sending the key', async () => {
    const before = fake.requests.length;
    const error = await connection(false)
      .prepare({ provider: 'linear', baseUrl: fake.url, auth: { type: 'api_key', apiKey: fakeLinearApiKey } })
      .catch((e: unknown) => e);
    expect(isAppError(error) && error.details[0]?.path).toBe('baseUrl');
    expect(fake.requests.length).toBe(before);
  });

  it('sends OAuth connections to the OAuth route', async () => {
    const error = await connection(true)
      .prepare({ provider: 'linear', auth: { type: 'oauth' } })
      .catch((e: unknown) => e);
    expect(isAppError(error) && error.message).toMatch(/GET \/v1\/integrations\/linear\/connect/);
  });
});
