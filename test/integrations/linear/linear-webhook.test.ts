import { createHmac } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeContext } from '../../../core/change.js';
import { AppError } from '../../../core/errors.js';
import type { Project } from '../../../core/project.js';
import type { TypedConfig } from '../../../core/typed-config.js';
import { openDatabase, type Db } from '../../../db/database.js';
import type { LinkedChange, ProviderAdapters, SourceAdapter } from '../../../integrations/contract.js';
import { linear } from '../../../integrations/linear/index.js';
import { issueEvent, planIssueEvent } from '../../../integrations/linear/plan-event.js';
import type { LinearSource } from '../../../integrations/linear/schemas.js';
import { startFakeLinear, type FakeLinear } from '../../support/fake-linear/index.js';
import {
  issuePayload,
  linearWebhookSecret,
  signedLinearDelivery,
  type IssueEventOptions,
} from '../../support/linear-payloads.js';
import { providerDefaults } from '../../support/provider-deps.js';
import { contractSecrets } from '../contracts/against-fakes.js';
import { connectLinearToFake } from '../contracts/linear-connection.js';
import { projectReading } from '../contracts/project-reading.js';

const integrationId = 'int_linear';
const trigger = { type: 'linear', integrationId, teams: ['ENG'], labels: ['docs'], states: ['Done'] };
const project = (id: string, triggers: TypedConfig[] = [trigger]): Project => ({
  ...projectReading([{ type: 'linear', integrationId, teams: ['ENG'], maxIssues: 10 }], triggers),
  id,
});
const plan = (options: IssueEventOptions, projects = [project('prj_a')]) =>
  planIssueEvent(integrationId, issueEvent.parse(issuePayload(options)), projects);

describe('planning Linear issue events against the projects’ triggers', () => {
  it('an issue moved into Done with the docs label starts one run per project, its source pinned from the payload', () => {
    const payload = issuePayload({
      action: 'update',
      identifier: 'ENG-123',
      id: 'b2d6a1e0-uuid',
      title: 'Requests hang forever',
      state: 'Done',
      labels: ['cli', 'docs'],
      from: { state: 'In Review' },
      updatedAt: '2026-03-01T12:00:00.000Z',
    });
    const commands = planIssueEvent(integrationId, issueEvent.parse(payload), [project('prj_a'), project('prj_b')]);
    expect(commands).toEqual(
      ['prj_a', 'prj_b'].map((projectId) => ({
        kind: 'start_or_update',
        projectId,
        workflowKey: `linear:${integrationId}:issue:b2d6a1e0-uuid`,
        source: {
          type: 'linear',
          integrationId,
          issue: 'ENG-123',
          updatedAt: '2026-03-01T12:00:00.000Z',
          url: payload.data.url,
        },
        note: 'ENG-123 reached Done with label docs',
        trigger: 'linear.issue',
        sourceMerged: true,
      })),
    );
  });

  it('a later qualifying event of the same issue reaches the same run, even after the issue changed key', () => {
    const first = plan({
      action: 'update',
      identifier: 'ENG-7',
      id: 'uuid-7',
      state: 'Done',
      labels: ['docs'],
      from: { state: 'In Review' },
    });
    const reopenedAndDone = plan({
      action: 'update',
      identifier: 'ENG-99',
      id: 'uuid-7',
      state: 'Done',
      labels: ['docs'],
      from: { state: 'In Progress' },
    });
    expect(first[0]).toMatchObject({ workflowKey: `linear:${integrationId}:issue:uuid-7` });
    expect(reopenedAndDone[0]).toMatchObject({ workflowKey: `linear:${integrationId}:issue:uuid-7` });
  });

  it('an issue created in Done with the label starts a run; one created in Todo does not', () => {
    expect(plan({ action: 'create', identifier: 'ENG-1', state: 'Done', labels: ['docs'] })).toEqual([
      expect.objectContaining({ note: 'ENG-1 was created in Done with label docs' }),
    ]);
    expect(plan({ action: 'create', identifier: 'ENG-2', state: 'Todo', labels: ['docs'] })).toEqual([]);
  });

  it('matches label and state names without regard to case, and the docs label added to a Done issue', () => {
    const shouting = project('prj_c', [{ ...trigger, labels: ['Docs'], states: ['done'] }]);
    expect(
      plan({ action: 'update', identifier: 'ENG-3', state: 'Done', labels: ['docs'], from: { state: 'In Review' } }, [
        shouting,
      ]),
    ).toHaveLength(1);
    expect(
      plan({
        action: 'update',
        identifier: 'ENG-4',
        state: 'Done',
        labels: ['bug', 'docs'],
        from: { labels: ['bug'] },
      }),
    ).toEqual([expect.objectContaining({ note: 'ENG-4 got label docs in Done' })]);
  });

  it.each([
    ['an update that did not change the state (a title edit)', { from: { title: 'Old title' } }],
    ['an update whose labels changed but already had docs', { from: { labels: ['docs', 'bug'] } }],
    ['an issue without the label', { labels: ['bug'], from: { state: 'In Review' as const } }],
    ['an issue moved into another state', { state: 'In Review' as const, from: { state: 'In Progress' as const } }],
    ['an issue of another team', { identifier: 'OPS-7', from: { state: 'In Review' as const } }],
    ['a removed issue', { action: 'remove' as const }],
  ])('starts nothing for %s', (_what, change) => {
    const options: IssueEventOptions = {
      action: 'update',
      identifier: 'ENG-5',
      state: 'Done',
      labels: ['docs'],
      ...change,
    };
    expect(plan(options)).toEqual([]);
  });

  it('starts nothing for projects without a Linear trigger of this integration', () => {
    const options: IssueEventOptions = {
      action: 'update',
      identifier: 'ENG-6',
      state: 'Done',
      labels: ['docs'],
      from: { state: 'In Review' },
    };
    expect(plan(options, [project('prj_manual', [{ type: 'manual' }])])).toEqual([]);
    expect(plan(options, [project('prj_other', [{ ...trigger, integrationId: 'int_other' }])])).toEqual([]);
  });
});

describe('receiving Linear webhooks', () => {
  let fake: FakeLinear;
  let db: Db;
  let adapters: ProviderAdapters;
  let withSecret: string;
  let withoutSecret: string;
  const projects = async () => [project('prj_a', [{ ...trigger, integrationId: withSecret }])];
  const qualifying = (extra: Partial<IssueEventOptions> = {}) =>
    issuePayload({
      action: 'update',
      identifier: 'ENG-123',
      state: 'Done',
      labels: ['docs'],
      from: { state: 'In Review' },
      ...extra,
    });
  const receive = (id: string, delivery: { body: string; headers: Record<string, string> }) =>
    adapters.webhook!.receive(
      { integrationId: id, headers: delivery.headers, rawBody: Buffer.from(delivery.body) },
      projects,
    );
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('accepted');
      },
      (e: unknown) => {
        expect(e).toBeInstanceOf(AppError);
        return e as AppError;
      },
    );

  beforeAll(async () => {
    fake = await startFakeLinear();
    db = await openDatabase({});
    adapters = linear.create({
      db,
      secrets: contractSecrets,
      logger: pino({ level: 'silent' }),
      publicUrl: 'http://docflow.test',
      allowPrivateUrls: true,
      ...providerDefaults,
    });
    withSecret = await connectLinearToFake(db, fake, undefined, linearWebhookSecret);
    withoutSecret = await connectLinearToFake(db, fake);
  });
  afterAll(async () => {
    await db.destroy();
    await fake.close();
  });

  it('verifies the signature, then plans the issue event under its Linear-Delivery id', async () => {
    const delivery = signedLinearDelivery(qualifying(), linearWebhookSecret, 'delivery-1');
    const received = await receive(withSecret, delivery);
    expect(received.delivery).toEqual({ id: 'delivery-1', event: 'Issue.update' });
    expect(received.commands).toEqual([
      expect.objectContaining({ kind: 'start_or_update', source: expect.objectContaining({ issue: 'ENG-123' }) }),
    ]);
    // Planning reads nothing from Linear: Linear wants an answer within 5 seconds.
    expect(fake.requests).toEqual([]);
  });

  it('refuses a missing or wrong signature, and a connection without a secret, as unauthorized', async () => {
    const signed = signedLinearDelivery(qualifying());
    const { 'linear-signature': _, ...unsigned } = signed.headers;
    expect((await refusal(receive(withSecret, { ...signed, headers: unsigned }))).code).toBe('unauthorized');
    const wrong = signedLinearDelivery(qualifying(), 'another-secret-entirely-0123');
    expect((await refusal(receive(withSecret, wrong))).code).toBe('unauthorized');
    // A body changed after signing (a later timestamp to slip past the window) no longer matches.
    const tampered = {
      ...signed,
      body: signed.body.replace(/"webhookTimestamp":\d+/, `"webhookTimestamp":${Date.now()}1`),
    };
    expect((await refusal(receive(withSecret, tampered))).code).toBe('unauthorized');
    const noSecret = await refusal(receive(withoutSecret, signed));
    expect(noSecret.code).toBe('unauthorized');
    expect(noSecret.message).toContain('webhookSecret');
  });

  it('refuses a correctly signed delivery whose webhookTimestamp is more than 60 s old or ahead', async () => {
    for (const webhookTimestamp of [Date.now() - 61_000, Date.now() + 61_000]) {
      const stale = await refusal(receive(withSecret, signedLinearDelivery(qualifying({ webhookTimestamp }))));
      expect(stale.code).toBe('unauthorized');
      expect(stale.message).toContain('60-second window');
    }
    // 50 s late is within the window.
    const late = await receive(withSecret, signedLinearDelivery(qualifying({ webhookTimestamp: Date.now() - 50_000 })));
    expect(late.commands).toHaveLength(1);
  });

  it('refuses what is not a Linear webhook with a specific invalid_request', async () => {
    // One delivery: its body (with the current webhookTimestamp) and the signature over it must match.
    const delivery = signedLinearDelivery(qualifying());
    const { 'linear-delivery': _, ...noDelivery } = delivery.headers;
    const missing = await refusal(receive(withSecret, { ...delivery, headers: noDelivery }));
    expect([missing.code, missing.message]).toEqual(['invalid_request', 'Linear-Delivery header is required']);

    const body = 'not json';
    const signature = createHmac('sha256', linearWebhookSecret).update(body).digest('hex');
    const headers = { ...signedLinearDelivery(qualifying()).headers, 'linear-signature': signature };
    const garbled = await refusal(receive(withSecret, { body, headers }));
    expect([garbled.code, garbled.message]).toEqual(['invalid_request', 'webhook body is not valid JSON']);

    const { labels: _labels, ...data } = qualifying().data;
    const unlabelled = await refusal(receive(withSecret, signedLinearDelivery({ ...qualifying(), data })));
    expect(unlabelled.code).toBe('invalid_request');
    expect(unlabelled.details).toEqual([expect.objectContaining({ path: 'data.labels' })]);
  });

  it('acknowledges other models (a comment) without planning anything', async () => {
    const comment = {
      action: 'create',
      type: 'Comment',
      createdAt: new Date().toISOString(),
      organizationId: 'org-acme',
      webhookId: 'webhook-1',
      webhookTimestamp: Date.now(),
      data: { id: 'comment-1', body: 'Looks good', issueId: 'issue-ENG-123' },
    };
    const received = await receive(withSecret, signedLinearDelivery(comment, linearWebhookSecret, 'delivery-c'));
    expect(received).toEqual({ delivery: { id: 'delivery-c', event: 'Comment.create' }, commands: [] });
  });
});

describe('a Linear issue as a run source, against the fake', () => {
  let fake: FakeLinear;
  let db: Db;
  let source: SourceAdapter<LinearSource>;
  let adapters: ProviderAdapters;
  let id: string;
  const followed: string[] = [];
  const prDiff = [
    'diff --git a/src/cli.ts b/src/cli.ts',
    '--- a/src/cli.ts',
    '+++ b/src/cli.ts',
    '@@ -1 +1,2 @@',
    " program.option('--port <number>');",
    "+program.option('--timeout <ms>');",
    '',
  ].join('\n');
  const followLink = async (url: string): Promise<LinkedChange | undefined> => {
    followed.push(url);
    if (!url.endsWith('/pull/7')) return undefined;
    const change: ChangeContext = {
      sourceLabel: 'acme/app#7',
      commits: [{ sha: 'abc', message: 'feat(cli): --timeout' }],
      diff: prDiff,
      files: [{ path: 'src/cli.ts', status: 'modified', content: "program.option('--timeout <ms>');\n" }],
    };
    return { source: { type: 'code', url }, label: 'acme/app#7', gathered: { change } };
  };
  const projectOf = (teams = ['ENG']) =>
    projectReading([{ type: 'linear', integrationId: id, teams, maxIssues: 10 }], [{ type: 'manual' }]);

  beforeAll(async () => {
    fake = await startFakeLinear();
    fake.addIssue({
      identifier: 'ENG-123',
      title: 'Requests hang forever',
      description: 'Add a `--timeout` flag. Reported by jane@customer.test.',
      state: { name: 'Done', type: 'completed' },
      labels: ['docs'],
      updatedAt: '2026-03-01T12:00:00.000Z',
      comments: [
        { body: 'Milliseconds, default 5000, says Jane Roe.', author: 'Jane Roe', createdAt: '2026-02-28T10:00:00Z' },
        { body: 'Shipped in 2.3.', author: 'Bob', createdAt: '2026-03-01T11:00:00Z' },
      ],
      attachments: [
        { url: 'https://code.example/acme/app/pull/7', title: 'Add --timeout' },
        { url: 'https://dashboards.example/d/42', title: 'Latency dashboard' },
      ],
    });
    fake.addIssue({ identifier: 'OPS-1', title: 'Internal' });
    db = await openDatabase({});
    adapters = linear.create({
      db,
      secrets: contractSecrets,
      logger: pino({ level: 'silent' }),
      publicUrl: 'http://docflow.test',
      allowPrivateUrls: true,
      ...providerDefaults,
      followLink,
    });
    source = adapters.source as SourceAdapter<LinearSource>;
    id = await connectLinearToFake(db, fake);
  });
  afterAll(async () => {
    await db.destroy();
    await fake.close();
  });

  it('pins an issue to where people read it and the moment it was read at', async () => {
    const pinned = await source.validateSource({ type: 'linear', integrationId: id, issue: 'ENG-123' }, projectOf());
    expect(pinned).toEqual({
      type: 'linear',
      integrationId: id,
      issue: 'ENG-123',
      updatedAt: '2026-03-01T12:00:00.000Z',
      url: 'https://linear.app/acme/issue/eng-123',
    });
    expect(source.describeSource(pinned)).toBe('Linear issue ENG-123');
    expect(source.sourceUrl!(pinned)).toBe('https://linear.app/acme/issue/eng-123');
  });

  it.each([
    ['an unknown issue', 'ENG-404', ['ENG'], 'source.issue'],
    ['an issue of a team the project does not name', 'OPS-1', ['ENG'], 'source.issue'],
    ['a project without a Linear entry for the integration', 'ENG-123', [], 'source.integrationId'],
  ])('refuses %s with invalid_source naming the field', async (_what, issue, teams, path) => {
    const project = teams.length ? projectOf(teams) : projectReading([{ type: 'local-git', repo: '/x' }]);
    const error = await source
      .validateSource({ type: 'linear', integrationId: id, issue }, project)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('invalid_source');
    expect((error as AppError).details[0]?.path).toBe(path);
  });

  it('gathers the issue as a conversation file drafters cite, redacted, with the attached pull request followed', async () => {
    const pinned: LinearSource = {
      type: 'linear',
      integrationId: id,
      issue: 'ENG-123',
      updatedAt: '2026-03-01T12:00:00.000Z',
      url: 'https://linear.app/acme/issue/eng-123',
    };
    fake.addComment('ENG-123', { body: 'A later thought.', author: 'Bob' });
    followed.length = 0;
    const gathered = await source.gatherContext(pinned, projectOf());
    if (!('change' in gathered)) throw new Error('skipped');
    const { change } = gathered;
    const issueFile = change.files.find((f) => f.path === 'linear/issues/ENG-123');
    expect(issueFile?.content).toBe(
      [
        '# ENG-123: Requests hang forever',
        '',
        'Description: Add a `--timeout` flag. Reported by [email].',
        '',
        'Comment of 2026-02-28: Milliseconds, default 5000, says [person].',
        '',
        'Comment of 2026-03-01: Shipped in 2.3.',
        '',
        '',
      ].join('\n'),
    );
    expect(change.conversations).toEqual([
      expect.objectContaining({ path: 'linear/issues/ENG-123', url: 'https://linear.app/acme/issue/eng-123' }),
    ]);
    expect(change.conversations![0]!.messages.map((m) => [m.role, m.startLine, m.ref])).toEqual([
      ['asker', 3, undefined],
      ['member', 5, 'comment-ENG-123-1'],
      ['member', 7, 'comment-ENG-123-2'],
    ]);
    // Only the pull request was followed; its diff, commit and file joined the change.
    expect(followed).toEqual(['https://code.example/acme/app/pull/7']);
    expect(change.files.map((f) => f.path)).toEqual(['linear/issues/ENG-123', 'src/cli.ts']);
    expect(change.commits).toEqual([{ sha: 'abc', message: 'feat(cli): --timeout' }]);
    expect(change.diff).toContain('+++ b/linear/issues/ENG-123');
    expect(change.diff).toContain("+program.option('--timeout <ms>');");
    expect(change.note).toContain('State: Done (completed)');
    // The comment made after the pin is not read at all: the gathered change is what was pinned.
    expect(JSON.stringify(change)).not.toContain('A later thought');
    expect(change.note).toContain('Linked change followed: acme/app#7');
    expect(
      source.citationUrl!(pinned, {
        path: 'linear/issues/ENG-123',
        side: 'new',
        startLine: 3,
        endLine: 3,
        excerpt: '',
      }),
    ).toBe('https://linear.app/acme/issue/eng-123');
    expect(fake.refused).toEqual([]);
  });

  it('the project’s Linear context entry does not add the run’s own issue again as a reference', async () => {
    const gathered = await source.gatherContext(
      { type: 'linear', integrationId: id, issue: 'ENG-123', updatedAt: '2026-03-01T12:00:00.000Z' },
      projectOf(),
    );
    if (!('change' in gathered)) throw new Error('skipped');
    const before = fake.requests.length;
    const added = await adapters.contextProvider!.enrich(
      { type: 'linear', integrationId: id, teams: ['ENG'], maxIssues: 10 },
      gathered.change,
      projectOf(),
    );
    expect(added).toEqual({ references: [], notes: [] });
    expect(fake.requests.length).toBe(before);
  });
});
