import type { ChangeContext } from '../../core/change.js';
import { assessConversations } from '../conversation/assess.js';
import { conversationReason } from '../conversation/conversation-reason.js';
import { draftFromFindings } from '../conversation/draft-from-findings.js';
import { withConversationUrls } from '../conversation/citation-urls.js';
import { diffFilePath, parseUnifiedDiff } from '../diff/parse-unified-diff.js';
import { addNavEntries } from '../docs-site/add-nav-entries.js';
import { docsTree } from '../docs-site/docs-tree.js';
import { keepSoundEdits } from '../docs-site/keep-sound-edits.js';
import type { DraftInput, DraftResult, Drafter } from '../drafter.js';
import { extractSymbols } from './extract-symbols.js';
import { findAffectedPages } from './find-affected-pages.js';
import { buildLineIndex } from './line-index.js';
import { indexPage } from './page-index.js';
import { proposeEdits } from './propose-edits.js';
import { citeReferences, referencesSummary } from './reference-citations.js';
import { noChangesReason, proseReason, summarize } from './summarize.js';

/** The change's code, without the conversations it also carries as files (their text is not code). */
function codeOf(change: ChangeContext) {
  const conversations = new Set((change.conversations ?? []).map((c) => c.path));
  const files = parseUnifiedDiff(change.diff).filter((f) => !conversations.has(diffFilePath(f)));
  const contents = new Map(
    change.files.flatMap((f) =>
      f.content === undefined || conversations.has(f.path) ? [] : [[f.path, f.content] as const],
    ),
  );
  return { files, contents };
}

/**
 * Drafts documentation edits without a model: conservative, exact and deterministic. From a diff, entries
 * for added, removed and renamed names; from conversations (tickets, threads), what support corrected or
 * had to explain about concrete things the docs get wrong or leave out.
 */
export function createOfflineDrafter(): Drafter {
  return {
    name: 'offline',
    async draft({ change, docs, feedback, siteFiles, docsDir }: DraftInput): Promise<DraftResult> {
      const { files, contents } = codeOf(change);
      const extracted = extractSymbols(files, contents);
      const index = buildLineIndex(files, contents);
      const pages = [...docs].sort((a, b) => a.path.localeCompare(b.path)).map(indexPage);
      const impacted = findAffectedPages(change, docs);
      const proposed = proposeEdits(extracted, pages, index);
      const { notes } = proposed;
      const drafted = citeReferences(proposed.edits, change.references ?? []);
      const assessment = change.conversations?.length ? assessConversations(change.conversations, docs) : undefined;
      const conversationNotes: string[] = [];
      if (assessment) {
        const found = draftFromFindings(assessment, docs, impacted);
        const edited = new Set(drafted.map((e) => e.path));
        drafted.push(
          ...withConversationUrls(
            found.edits.filter((e) => !edited.has(e.path)),
            change.conversations,
          ),
        );
        notes.push(...found.notes);
        conversationNotes.push(...found.notes);
      }
      // The docs site stays whole: an edit breaking frontmatter or a relative link is left out (with a note),
      // and a new page gets its navigation entry.
      const site = docsTree(docs, siteFiles, docsDir);
      const sound = keepSoundEdits(site, drafted);
      const listed = addNavEntries(site, sound.edits);
      const edits = listed.edits;
      notes.push(...sound.notes, ...listed.notes);
      let reason: string | undefined;
      if (edits.length === 0 && drafted.length > 0)
        reason = `every edit found would break the docs site, so none is proposed: ${sound.notes.join(' ')}`;
      else if (assessment) {
        if (edits.length === 0) reason = conversationReason(assessment, conversationNotes, proseReason(impacted));
      } else if (edits.length === 0)
        reason = change.diff.trim() ? noChangesReason(extracted, pages) : proseReason(impacted);
      const summary = [
        summarize(edits, notes, impacted, feedback, reason),
        referencesSummary(change.references, change.contextNotes),
      ]
        .filter(Boolean)
        .join('\n\n');
      return { edits, summary, impacted, drafter: 'offline', ...(reason ? { noChangesReason: reason } : {}) };
    },
  };
}
