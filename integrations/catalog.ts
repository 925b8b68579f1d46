import type { ZodType } from 'zod';
import { projectInputSchema } from '../core/project.js';
import type { ProviderDefinition } from './contract.js';
import type { OAuthDescriptor } from './kit/oauth/descriptor.js';

/**
 * What is known about the providers without building them: the project schema, who can be connected
 * and how, and the OAuth configuration each needs. Derived from one list of definitions.
 */
export interface Catalog {
  definitions: readonly ProviderDefinition[];
  find(provider: string): ProviderDefinition | undefined;
  projectInputSchema: ReturnType<typeof projectInputSchema>;
  /** Providers connected with credentials through `POST /v1/integrations`. */
  connectable: { provider: string; schema: ZodType<Record<string, unknown>> }[];
  oauth(provider: string): OAuthDescriptor | undefined;
  /** Providers connected through the generic OAuth flow. */
  oauthProviders: string[];
}

export function createCatalog(definitions: readonly ProviderDefinition[]): Catalog {
  const names = definitions.map((d) => d.provider);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw new Error(`two provider definitions are named "${duplicate}"`);
  const byName = new Map(definitions.map((d) => [d.provider, d]));
  const schemas = (role: 'trigger' | 'context' | 'destination' | 'reviewChannel' | 'notify') =>
    definitions.flatMap((d) => (d.schemas[role] ? [d.schemas[role]] : []));
  return {
    definitions,
    find: (provider) => byName.get(provider),
    projectInputSchema: projectInputSchema({
      trigger: schemas('trigger'),
      context: schemas('context'),
      destination: schemas('destination'),
      reviewChannel: schemas('reviewChannel'),
      notify: schemas('notify'),
    }),
    connectable: definitions.flatMap((d) =>
      d.schemas.connection ? [{ provider: d.provider, schema: d.schemas.connection }] : [],
    ),
    oauth: (provider) => byName.get(provider)?.oauth,
    oauthProviders: definitions.flatMap((d) => (d.oauth ? [d.provider] : [])),
  };
}
