import { AppError } from '../core/errors.js';
import { github } from './github/index.js';
import { localGit } from './local-git/index.js';
import type { DestinationAdapter, IntegrationAdapters, IntegrationDefinition, IntegrationDeps, SourceAdapter, TypedConfig, WebhookAdapter, ConnectionAdapter } from './contract.js';

/** Every provider docflow knows. Adding an integration means adding it here. */
export const definitions: readonly IntegrationDefinition[] = [localGit, github];

export interface Integrations {
  source(type: string): SourceAdapter<TypedConfig>;
  destination(type: string): DestinationAdapter<TypedConfig>;
  connection(provider: string): ConnectionAdapter;
  webhook(provider: string): WebhookAdapter;
}

export function createIntegrations(deps: IntegrationDeps): Integrations {
  const built = new Map<string, IntegrationAdapters>(definitions.map((d) => [d.provider, d.create(deps)]));
  const find = <K extends keyof IntegrationAdapters>(provider: string, role: K, code: AppError['code'], what: string): NonNullable<IntegrationAdapters[K]> => {
    const adapter = built.get(provider)?.[role];
    if (!adapter) throw new AppError(code, `no integration ${what} "${provider}"`);
    return adapter as NonNullable<IntegrationAdapters[K]>;
  };
  return {
    source: (type) => find(type, 'source', 'invalid_source', 'can read sources of type'),
    destination: (type) => find(type, 'destination', 'invalid_destination', 'can publish to destinations of type'),
    connection: (provider) => find(provider, 'connection', 'invalid_request', 'can be connected for provider'),
    webhook: (provider) => find(provider, 'webhook', 'not_found', 'receives webhooks for provider'),
  };
}
