import type { Suggestion } from '../db/repositories/suggestions.js';

/**
 * Title and body of the commit (or pull request) that carries an approved suggestion; `sources` lists the
 * changes of a batch run, numbered as their files are (`source-2/…`).
 */
export function publishMessage(
  suggestion: Suggestion,
  sourceLabel: string,
  sources: { label: string; url?: string }[] = [],
): { title: string; body: string } {
  const pages = [...new Set(suggestion.edits.map((e) => e.path))];
  const title = `docs: update ${pages.length === 1 ? pages[0] : `${pages.length} pages`} for ${sourceLabel}`;
  const lines = [suggestion.summary.trim(), '', '## Edits'];
  for (const edit of suggestion.edits) {
    // Drafters often list their rationales in the summary already; say each once.
    lines.push(
      '',
      suggestion.summary.includes(edit.rationale) ? `- \`${edit.path}\`` : `- \`${edit.path}\`: ${edit.rationale}`,
    );
    for (const c of edit.citations)
      lines.push(
        c.kind === 'reference'
          ? `  - cites ${c.url ? `[${c.path}](${c.url})` : `\`${c.path}\``} lines ${c.startLine}-${c.endLine}`
          : `  - cites \`${c.path}\` ${c.side} lines ${c.startLine}-${c.endLine}`,
      );
  }
  if (sources.length) {
    lines.push('', '## Sources', '');
    sources.forEach((s, i) =>
      lines.push(`${i + 1}. ${s.url ? `[${s.label}](${s.url})` : s.label} (\`source-${i + 1}/\`)`),
    );
  }
  return { title: title.slice(0, 200), body: lines.join('\n') };
}
