import type { DocIndex } from './doc-index.js';
import type { Evidence } from './evidence.js';
import type { MessageInfo } from './read-message.js';

const MIGRATION = /migrat|upgrad|breaking/i;

/** The message names a page (`Update docs/usage.md`), or marks the change breaking, which the migration guide records. */
export function messageSignals(index: DocIndex, message: MessageInfo, evidence: Evidence): void {
  const text = `${message.subject}\n${message.body}`;
  index.entries.forEach((entry, i) => {
    const file = (entry.path.split('/').pop() ?? entry.path).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (text.includes(entry.path) || new RegExp(`(?<![\\w/.-])${file}(?![\\w-])`).test(text)) {
      evidence.add(i, 3, `the message names \`${entry.path}\``);
    }
    if (message.breaking && (MIGRATION.test(entry.stem) || MIGRATION.test(entry.title))) {
      evidence.add(i, 3, 'the change is marked breaking and this is a migration guide');
    }
  });
}
