import { AppError } from '../domain/errors.js';
import { createOfflineDrafter } from './offline/offline-drafter.js';
import type { Drafter } from './types.js';

/** Picks the drafter named by DOCFLOW_LLM_PROVIDER; `offline` (no model) is the default. */
export function createDrafter(provider: string): Drafter {
  if (provider === 'offline') return createOfflineDrafter();
  throw new AppError('not_implemented', `DOCFLOW_LLM_PROVIDER=${provider}: model-backed drafting is not implemented yet; use "offline"`);
}
