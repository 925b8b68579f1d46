import type { RunForReview } from '../contract.js';

/** The buttons' action ids; their value is `<project id> <run id>`. */
export const reviewActions = {
  approve: 'docflow_review_approve',
  reject: 'docflow_review_reject',
  request_changes: 'docflow_review_request_changes',
} as const;

const maxEdits = 5;
const sectionChars = 2900;
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);
const fence = (text: string) => '```' + (text.trim() ? text.replaceAll('```', "'''") : ' ') + '```';
const person = (who: string) => (who.startsWith('slack:') ? `<@${who.slice(6)}>` : who);

function outcomeLine(run: RunForReview): string {
  const by = run.decidedBy ? ` by ${person(run.decidedBy)}` : '';
  switch (run.status) {
    case 'awaiting_review':
      return run.revision && run.revision > 1
        ? `New draft (revision ${run.revision}) awaiting review.`
        : 'Awaiting review.';
    case 'drafting':
      return `Changes requested${by}; drafting again…`;
    case 'publishing':
      return `Approved${by}; publishing…`;
    case 'published':
      return `Approved${by} and published: ${run.location ?? ''}`.trim();
    case 'rejected':
      return `Rejected${by}${run.message ? `: ${run.message}` : '.'}`;
    case 'expired':
      return 'Expired without a decision.';
    case 'failed':
      return `Failed${run.message ? `: ${run.message}` : '.'}`;
    default:
      return `Ended ${run.status}${run.message ? `: ${run.message}` : '.'}`;
  }
}

/** A Block Kit card: summary, each edit as a compact before → after, confidence, and the buttons while undecided. */
export function reviewCard(run: RunForReview): { text: string; blocks: unknown[] } {
  const edits = run.edits ?? [];
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Docs update for review' } },
    { type: 'section', text: { type: 'mrkdwn', text: cut(run.summary || 'No summary.', sectionChars) } },
    ...edits.slice(0, maxEdits).map((edit) => ({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: cut(`*${edit.path}*\n${fence(cut(edit.before, 1200))}\n→\n${fence(cut(edit.after, 1200))}`, sectionChars),
      },
    })),
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: [
            edits.length > maxEdits ? `${edits.length - maxEdits} more edits` : '',
            run.confidence !== undefined ? `confidence ${run.confidence.toFixed(2)}` : '',
            `<${run.url}|full view in docflow>`,
          ]
            .filter(Boolean)
            .join(' · '),
        },
      ],
    },
    { type: 'section', text: { type: 'mrkdwn', text: cut(outcomeLine(run), sectionChars) } },
  ];
  if (run.status === 'awaiting_review') {
    const value = `${run.projectId} ${run.runId}`;
    const button = (text: string, action_id: string, style?: 'primary' | 'danger') => ({
      type: 'button',
      text: { type: 'plain_text', text },
      action_id,
      value,
      ...(style ? { style } : {}),
    });
    blocks.push({
      type: 'actions',
      block_id: 'docflow_review',
      elements: [
        button('Approve', reviewActions.approve, 'primary'),
        button('Reject', reviewActions.reject, 'danger'),
        button('Request changes', reviewActions.request_changes),
      ],
    });
  }
  return { text: `Docs update for review: ${outcomeLine(run)}`, blocks };
}

/** The modal asking for a rejection's reason or the requested changes. */
export function reasonModal(action: 'reject' | 'request_changes', metadata: string) {
  return {
    type: 'modal',
    callback_id: 'docflow_review_reason',
    private_metadata: metadata,
    title: { type: 'plain_text', text: action === 'reject' ? 'Reject the update' : 'Request changes' },
    submit: { type: 'plain_text', text: action === 'reject' ? 'Reject' : 'Send' },
    blocks: [
      {
        type: 'input',
        block_id: 'reason',
        label: { type: 'plain_text', text: action === 'reject' ? 'Why?' : 'What should change?' },
        element: { type: 'plain_text_input', action_id: 'text', multiline: true },
      },
    ],
  };
}
