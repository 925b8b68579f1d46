import { AppError } from '../../core/errors.js';
import type { Drafter, DraftInput, DraftResult, ImpactedPage } from '../drafter.js';
import { draftJsonSchema, modelDraftSchema } from './draft-schema.js';
import type { ModelClient } from './model-client.js';
import { packContext } from './pack-context.js';
import { retryPrompt, systemPrompt } from './prompt.js';
import { validateDraft } from './validate-draft.js';
import { withConversationUrls } from '../conversation/citation-urls.js';
import { addNavEntries } from '../docs-site/add-nav-entries.js';
import { docsTree } from '../docs-site/docs-tree.js';

export interface ModelDrafterOptions {
  client: ModelClient;
  /** Ranks the docs for the change; the same engine `docflow impact` uses. */
  rank: (input: DraftInput) => Promise<ImpactedPage[]>;
  budgetTokens: number;
  /** Calls per draft, the first included, before giving up with `draft_invalid`. */
  maxAttempts?: number;
}

/**
 * Drafts with a model: packs the change and the ranked pages under the token budget, asks for
 * structured output, and validates it against the context. Invalid output is sent back with the
 * problems; after `maxAttempts` the draft fails with `draft_invalid` — never a silently wrong edit.
 */
export function createModelDrafter(options: ModelDrafterOptions): Drafter {
  const maxAttempts = options.maxAttempts ?? 3;
  return {
    name: options.client.name,
    async draft(input: DraftInput): Promise<DraftResult> {
      const impacted = await options.rank(input);
      const packed = packContext(input, impacted, options.budgetTokens);
      const usage = { inputTokens: 0, outputTokens: 0, calls: 0 };
      const site = docsTree(input.docs, input.siteFiles, input.docsDir);
      let user = packed.text;
      let problems: string[] = [];
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        const reply = await options.client.complete({
          system: systemPrompt,
          user,
          schema: draftJsonSchema,
          schemaName: 'submit_draft',
        });
        usage.calls++;
        usage.inputTokens += reply.inputTokens;
        usage.outputTokens += reply.outputTokens;
        problems = [];
        let parsed: unknown;
        try {
          parsed = JSON.parse(reply.text);
        } catch {
          problems.push('the answer is not valid JSON');
        }
        const draft = parsed === undefined ? undefined : modelDraftSchema.safeParse(parsed);
        if (draft && !draft.success)
          problems.push(...draft.error.issues.map((i) => `${i.path.join('.') || 'answer'}: ${i.message}`));
        if (draft?.success) {
          const checked = validateDraft(
            draft.data,
            packed.pages,
            packed.hunks,
            input.docsDir ? `${input.docsDir.replace(/\/$/, '')}/` : '',
            packed.references,
            site,
          );
          problems.push(...checked.problems);
          if (problems.length === 0) {
            const omitted = packed.omitted.length
              ? `\n\nLeft out to fit the token budget: ${packed.omitted.join('; ')}.`
              : '';
            const listed = addNavEntries(site, checked.edits);
            const notes = listed.notes.length ? `\n\n${listed.notes.join('\n')}` : '';
            return {
              edits: withConversationUrls(listed.edits, input.change.conversations),
              summary: draft.data.summary + omitted + notes,
              impacted,
              drafter: options.client.name,
              confidence: draft.data.confidence,
              usage,
              ...(checked.edits.length ? {} : { noChangesReason: draft.data.noChangesReason }),
            };
          }
        }
        user = packed.text + retryPrompt(reply.text, problems);
      }
      throw new AppError(
        'draft_invalid',
        `the model's draft was still invalid after ${maxAttempts} attempts: ${problems.slice(0, 5).join('; ')}`,
      );
    },
  };
}
