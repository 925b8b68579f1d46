import type { Assessment } from './assess.js';

const listed = (items: string[]) =>
  items.length > 3 ? `${items.slice(0, 3).join(', ')} and ${items.length - 3} more` : items.join(', ');

/** Why conversations led to no offline edit: the docs answer them already, or only a model could write the answer. */
export function conversationReason(assessment: Assessment, notes: string[], fallback: string): string {
  const covered = assessment.findings.filter((f) => f.kind === 'covered');
  if (assessment.verdict === 'covered')
    return `covered: the docs already answer it (${listed(covered.map((f) => `\`${f.term.name}\` in ${f.page}`))})`;
  if (assessment.verdict === 'unclear') return fallback;
  return `needs_model: ${notes.join(' ')} Drafting this prose needs a model drafter (DOCFLOW_LLM_PROVIDER).`;
}
