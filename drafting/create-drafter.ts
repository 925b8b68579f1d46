import type { LlmConfig } from '../config/config.js';
import { createAnthropicClient } from './model/anthropic-client.js';
import { createModelDrafter } from './model/model-drafter.js';
import { createOpenAIClient } from './model/openai-client.js';
import { findAffectedPages } from './offline/find-affected-pages.js';
import { createOfflineDrafter } from './offline/offline-drafter.js';
import type { Drafter } from './drafter.js';

/** The drafter the configuration names; `offline` (no model) is the default. */
export function createDrafter(llm: Pick<LlmConfig, 'provider'> & Partial<LlmConfig>): Drafter {
  const offline = createOfflineDrafter();
  if (llm.provider === 'offline') return offline;
  const settings = {
    model: llm.model!,
    apiKey: llm.apiKey,
    baseUrl: llm.baseUrl,
    timeoutMs: llm.timeoutMs ?? 120_000,
    maxRetries: 2,
  };
  const client =
    llm.provider === 'openai'
      ? createOpenAIClient({ provider: 'openai', ...settings })
      : createAnthropicClient({ provider: 'anthropic', ...settings });
  return createModelDrafter({
    client,
    // The same doc-impact engine as `docflow impact` and the offline drafter.
    rank: async (input) => findAffectedPages(input.change, input.docs),
    budgetTokens: llm.inputBudget ?? 16_000,
  });
}
