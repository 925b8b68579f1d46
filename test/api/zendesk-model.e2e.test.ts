import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDrafter } from '../../drafting/create-drafter.js';
import { createCatalog } from '../../integrations/catalog.js';
import { providers } from '../../integrations/registry.js';
import { startTestApi, type TestApi } from '../support/api-server.js';
import { startFakeOpenAI } from '../support/fake-llm/openai.js';
import type { ScriptedServer } from '../support/fake-llm/scripted-server.js';
import { startFakeZendesk, type FakeZendesk } from '../support/fake-zendesk/index.js';
import { tempDir } from '../support/git-repos.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { writeFiles } from '../support/toy-provider/flag-change-folders.js';
import { folder } from '../support/toy-provider/index.js';
import { personalData, ticketWithPersonalData } from '../integrations/zendesk/zendesk-setup.js';

let llm: ScriptedServer;
let fake: FakeZendesk;
let harness: Harness;
let api: TestApi;

beforeAll(async () => {
  llm = await startFakeOpenAI();
  fake = await startFakeZendesk();
  fake.addTicket(ticketWithPersonalData(31, new Date(Date.now() - 3_600_000).toISOString()));
  harness = await createHarness({
    catalog: createCatalog([...providers, folder]),
    drafter: createDrafter({
      provider: 'openai',
      model: 'test-model',
      baseUrl: `${llm.url}/v1`,
      apiKey: 'sk-test',
      timeoutMs: 10_000,
      inputBudget: 16_000,
    }),
  });
  await harness.startWorker();
  api = await startTestApi(harness);
});
afterAll(async () => {
  await api?.close();
  await harness?.close();
  await fake?.close();
  await llm?.close();
});

const formatLine = '- `--format <csv|json>`: output format.\n';

describe('a ticket run drafted by a model (real openai SDK, local fakes)', () => {
  it('drafts a fix citing the ticket, and the prompt carries no personal data', async () => {
    const connected = await api.call('POST', '/v1/integrations', {
      provider: 'zendesk',
      baseUrl: fake.url,
      auth: { type: 'token', email: fake.email, apiToken: fake.apiToken },
    });
    expect(connected.status, JSON.stringify(connected.body)).toBe(201);
    const integrationId = connected.body.id as string;
    const docs = writeFiles(tempDir(), { 'docs/export.md': `# Export\n\n${formatLine}` });
    const project = await api.call('POST', '/v1/projects', {
      name: 'support',
      triggers: [{ type: 'zendesk', integrationId, webhook: false }],
      context: [{ type: 'folder', root: docs }],
      destinations: [{ type: 'folder', root: docs, docsDir: 'docs' }],
    });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    llm.script({
      answer: {
        summary: 'Documents --delimiter, which customers ask about.',
        confidence: 0.6,
        noChangesReason: '',
        edits: [
          {
            path: 'docs/export.md',
            before: formatLine,
            after: `${formatLine}- \`--delimiter <char>\`: field separator for csv.\n`,
            rationale: 'Ticket 31 asks how to set the delimiter.',
            citations: [{ path: 'zendesk/tickets/31', side: 'new', startLine: 5, endLine: 5 }],
          },
        ],
      },
    });
    const started = await api.call('POST', `/v1/projects/${project.body.id}/runs`, {
      source: { type: 'zendesk', integrationId, tickets: [{ id: 31 }] },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const run = await eventually(async () => {
      const res = (await api.call('GET', `/v1/runs/${started.body.id}`)).body;
      if (res.status === 'failed' || res.status === 'no_changes') throw new Error(`${res.reason}: ${res.message}`);
      return res.status === 'awaiting_review' ? res : undefined;
    }, 'the ticket run to await review');
    expect(run.source.tickets).toEqual([
      { id: 31, updatedAt: expect.any(String), url: `${fake.url}/agent/tickets/31` },
    ]);
    expect(run.suggestion.edits[0].citations[0]).toMatchObject({ path: 'zendesk/tickets/31' });
    const prompt = JSON.stringify(llm.calls.map((c) => c.body));
    expect(prompt).toContain('--delimiter');
    const everything = prompt + JSON.stringify(run);
    for (const value of [
      personalData.requester.name,
      'Margarethe',
      personalData.requester.email,
      personalData.agent.name,
      personalData.phone,
      personalData.card,
      personalData.token,
      'hunter2secret',
      'VIP account',
    ])
      expect(everything).not.toContain(value);
  });
});
