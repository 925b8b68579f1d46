import { AppError } from '../domain/errors.js';
import { localGit } from './local-git/index.js';
import type { DestinationAdapter, Integration, SourceAdapter } from './types.js';

/** Every provider docflow knows. Adding an integration means adding it here. */
export const integrations: readonly Integration[] = [localGit];

export function sourceAdapter(type: string): SourceAdapter<any, any> {
  const adapter = integrations.find((i) => i.provider === type)?.source;
  if (!adapter) throw new AppError('invalid_source', `no integration can read sources of type "${type}"`);
  return adapter;
}

export function destinationAdapter(type: string): DestinationAdapter<any> {
  const adapter = integrations.find((i) => i.provider === type)?.destination;
  if (!adapter) throw new AppError('invalid_destination', `no integration can publish to destinations of type "${type}"`);
  return adapter;
}
