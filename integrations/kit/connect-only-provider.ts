import type { ProviderDefinition } from '../contract.js';
import type { OAuthDescriptor } from './oauth/descriptor.js';

/** A provider that can be connected (OAuth, refresh, health check, revocation) before its adapters exist. */
export function connectOnlyProvider(definition: {
  provider: string;
  title: string;
  oauth: OAuthDescriptor;
}): ProviderDefinition {
  return { ...definition, schemas: {}, create: () => ({}) };
}
