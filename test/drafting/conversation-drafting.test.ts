import { describe, expect, it } from 'vitest';
import type { DocPage } from '../../core/change.js';
import { applyEdits } from '../../drafting/apply-edits.js';
import { assessConversations } from '../../drafting/conversation/assess.js';
import { createOfflineDrafter } from '../../drafting/offline/offline-drafter.js';
import { supportChange } from '../../integrations/kit/support/support-change.js';

const docs: DocPage[] = [
  {
    path: 'docs/export.md',
    text: '# Export\n\n- `--format <csv|json>`: output format.\n- `--limit <n>`: rows per file. The default is `1000`.\n',
  },
  {
    path: 'docs/config.md',
    text:
      '# Configuration\n\n| Variable | Default | Meaning |\n| --- | --- | --- |\n' +
      '| `EXPORT_TIMEOUT_SECONDS` | `60` | Seconds before an export stops. |\n' +
      '| `EXPORT_DIR` | `/tmp` | Where files go. |\n',
  },
];

const ticket = (id: string, question: string, answer: string) => ({
  id,
  subject: `Question ${id}`,
  url: `https://acme.zendesk.test/agent/tickets/${id}`,
  updatedAt: '2026-11-30T10:00:00Z',
  messages: [
    { role: 'asker' as const, text: question },
    { role: 'answerer' as const, text: answer },
  ],
});
const change = (...tickets: ReturnType<typeof ticket>[]) =>
  supportChange('tickets', 'ticket', tickets, (id) => `zendesk/tickets/${id}`);
const draft = (c: ReturnType<typeof change>) => createOfflineDrafter().draft({ change: c, docs, feedback: [] });

describe('support conversations against the docs', () => {
  it('finds a page that already answers the question: covered, no edit, the reason says where', async () => {
    const c = change(
      ticket('1', 'What does EXPORT_TIMEOUT_SECONDS do?', 'It stops an export after `60` seconds by default.'),
    );
    expect(assessConversations(c.conversations!, docs).verdict).toBe('covered');
    const result = await draft(c);
    expect(result.edits).toEqual([]);
    expect(result.noChangesReason).toMatch(/^covered: .*`EXPORT_TIMEOUT_SECONDS` in docs\/config\.md/);
  });

  it("corrects a value support contradicts, in the table cell, citing the agent's message", async () => {
    const c = change(
      ticket('2', 'My export stops after a minute?', 'EXPORT_TIMEOUT_SECONDS has a default of 30 since 2.0, not 60.'),
    );
    expect(assessConversations(c.conversations!, docs).verdict).toBe('contradiction');
    const result = await draft(c);
    expect(result.edits).toHaveLength(1);
    const [edit] = result.edits;
    expect(edit).toMatchObject({
      path: 'docs/config.md',
      before: '| `EXPORT_TIMEOUT_SECONDS` | `60` | Seconds before an export stops. |\n',
      after: '| `EXPORT_TIMEOUT_SECONDS` | `30` | Seconds before an export stops. |\n',
    });
    expect(edit!.citations).toEqual([
      expect.objectContaining({
        path: 'zendesk/tickets/2',
        side: 'new',
        excerpt: expect.stringContaining('default of 30'),
      }),
    ]);
    // The citation's lines are the agent's message in the conversation file the change adds.
    const file = c.files[0]!.content!.split('\n');
    expect(file[edit!.citations[0]!.startLine - 1]).toBe(
      'Agent: EXPORT_TIMEOUT_SECONDS has a default of 30 since 2.0, not 60.',
    );
  });

  it('gives an undocumented flag support explained an entry next to its documented kin, in the same format', async () => {
    const c = change(
      ticket('3', 'Can I export with semicolons?', 'Yes: pass `--delimiter` to choose the column separator.'),
      ticket('4', 'Is --delimiter documented?', 'Use `--delimiter` to choose the column separator.'),
    );
    expect(assessConversations(c.conversations!, docs).verdict).toBe('gap');
    const result = await draft(c);
    expect(result.edits).toHaveLength(1);
    const page = applyEdits({ 'docs/export.md': docs[0]!.text }, result.edits)['docs/export.md']!;
    expect(page).toContain(
      '- `--limit <n>`: rows per file. The default is `1000`.\n- `--delimiter`: Yes: pass `--delimiter` to choose the column separator.\n',
    );
    expect(result.edits[0]!.rationale).toContain('Ticket 3: Question 3, Ticket 4: Question 4');
    expect([...new Set(result.edits[0]!.citations.map((c) => c.path))].sort()).toEqual([
      'zendesk/tickets/3',
      'zendesk/tickets/4',
    ]);
  });

  it('adds a limit support had to tell to the entry that leaves it out', async () => {
    const c = change(ticket('5', 'How big can --format get?', 'The maximum is `50000` rows with `--format`.'));
    const result = await draft(c);
    expect(result.edits).toEqual([
      expect.objectContaining({
        before: '- `--format <csv|json>`: output format.\n',
        after: '- `--format <csv|json>`: output format. At most `50000`.\n',
      }),
    ]);
  });

  it('ignores what only the customer named (their files, their hosts) and ends needs_model on prose', async () => {
    const c = change(ticket('6', 'My report.csv from my_company.eu export is empty', 'Please try again later.'));
    const assessment = assessConversations(c.conversations!, docs);
    expect(assessment).toEqual({ verdict: 'unclear', findings: [] });
    const result = await draft(c);
    expect(result.edits).toEqual([]);
    expect(result.noChangesReason).toMatch(/^needs_model: /);
  });

  it('never reads conversation text as code: a flag in a ticket is not an added flag', async () => {
    const c = change(ticket('7', 'What is --format?', 'See the docs for `--format`.'));
    const result = await draft(c);
    expect(result.edits).toEqual([]);
    expect(result.noChangesReason).toMatch(/^covered: /);
  });
});
