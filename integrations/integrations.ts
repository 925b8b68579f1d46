import { AppError } from '../core/errors.js';
import type { TypedConfig } from '../core/typed-config.js';
import { createCatalog, type Catalog } from './catalog.js';
import type {
  ConnectionAdapter,
  DestinationAdapter,
  InstallFlow,
  MaintenanceTask,
  ProjectAudit,
  ProjectTask,
  ProviderAdapters,
  ProviderDeps,
  SourceAdapter,
  WebhookReceiver,
} from './contract.js';
import { createBatchSource } from './batch-source.js';
import { followLink } from './follow-link.js';
import { connectionHealthCheck } from './kit/connection-health.js';
import { notifyOperators } from './notify-operators.js';
import { providers } from './registry.js';

/** The providers' adapters, built once with their dependencies, looked up by provider (or entry type). */
export interface Integrations {
  catalog: Catalog;
  source(type: string): SourceAdapter<TypedConfig>;
  destination(type: string): DestinationAdapter<TypedConfig>;
  connection(provider: string): ConnectionAdapter;
  install(provider: string): InstallFlow;
  webhook(provider: string): WebhookReceiver;
  /** The recurring tasks a connection with these settings needs. */
  maintenance(provider: string, settings: Record<string, unknown>): MaintenanceTask[];
  maintenanceTask(provider: string, name: string): MaintenanceTask;
  /** The recurring tasks a project's trigger entries ask for, with the entry and how often. */
  projectTasks(project: { triggers: TypedConfig[] }): ScheduledProjectTask[];
  projectTask(provider: string, name: string): ProjectTask;
  adapters(provider: string): ProviderAdapters;
  /** The provider that audits a project's docs against its code. */
  projectAudit(): ProjectAudit;
  /** Where people follow a run in docflow's review app. */
  runUrl(runId: string): string;
}

export interface ScheduledProjectTask {
  provider: string;
  task: ProjectTask;
  trigger: TypedConfig;
  every: string;
}

export function createIntegrations(deps: ProviderDeps, catalog: Catalog = createCatalog(providers)): Integrations {
  const built = new Map<string, ProviderAdapters>();
  const destinationProviders = new Map<string, string>();
  // Read lazily: a provider follows links into providers built after it.
  const withLinks: ProviderDeps = {
    ...deps,
    followLink: (url, project) => followLink(built, url, project),
    notifyOperators: (notification) => notifyOperators(built, catalog, deps.logger, notification),
    readProjectDocs: (project) => {
      const destination = project.destinations[0]!;
      return integrations.destination(destination.type).readDocs(destination);
    },
  };
  for (const definition of catalog.definitions) {
    if (definition.destinationType) destinationProviders.set(definition.destinationType, definition.provider);
    const adapters = definition.create(withLinks);
    // Every OAuth connection, and every other connection whose provider can check one, gets the kit's health check.
    const health = connectionHealthCheck(definition.oauth, adapters.connection, withLinks);
    built.set(definition.provider, {
      ...adapters,
      maintenance: [...(health ? [health] : []), ...(adapters.maintenance ?? [])],
    });
  }
  const find = <K extends keyof ProviderAdapters>(
    provider: string,
    role: K,
    code: AppError['code'],
    what: string,
  ): NonNullable<ProviderAdapters[K]> => {
    const adapter = built.get(provider)?.[role];
    if (!adapter) throw new AppError(code, `no integration ${what} "${provider}"`);
    return adapter as NonNullable<ProviderAdapters[K]>;
  };
  const tasks = (provider: string) => built.get(provider)?.maintenance ?? [];
  const providerSource = (type: string) => find(type, 'source', 'invalid_source', 'can read sources of type');
  // A batch of changes is built into docflow, not a provider: it reads each member through its own provider.
  const batch = createBatchSource(providerSource) as unknown as SourceAdapter<TypedConfig>;
  const integrations: Integrations = {
    catalog,
    source: (type) => (type === 'batch' ? batch : providerSource(type)),
    destination: (type) =>
      find(
        destinationProviders.get(type) ?? type,
        'destination',
        'invalid_destination',
        'can publish to destinations of type',
      ),
    connection: (provider) =>
      find(provider, 'connection', 'invalid_request', 'can be connected with credentials for provider'),
    install: (provider) => find(provider, 'install', 'invalid_request', 'has an install flow for provider'),
    webhook: (provider) => find(provider, 'webhook', 'not_found', 'receives webhooks for provider'),
    maintenance: (provider, settings) => tasks(provider).filter((task) => task.appliesTo?.(settings) ?? true),
    maintenanceTask(provider, name) {
      const task = tasks(provider).find((t) => t.name === name);
      if (!task) throw new AppError('not_implemented', `${provider} has no maintenance task "${name}"`);
      return task;
    },
    projectTasks: (project) =>
      project.triggers.flatMap((trigger) =>
        (built.get(trigger.type)?.projectTasks ?? []).flatMap((task) => {
          const every = task.every(trigger);
          return every ? [{ provider: trigger.type, task, trigger, every }] : [];
        }),
      ),
    projectTask(provider, name) {
      const task = built.get(provider)?.projectTasks?.find((t) => t.name === name);
      if (!task) throw new AppError('not_implemented', `${provider} has no project task "${name}"`);
      return task;
    },
    adapters: (provider) => built.get(provider) ?? {},
    projectAudit() {
      const audit = [...built.values()].find((adapters) => adapters.projectAudit)?.projectAudit;
      if (!audit) throw new AppError('not_implemented', 'no integration audits docs against code');
      return audit;
    },
    runUrl: (runId) => `${deps.publicUrl.replace(/\/$/, '')}/runs/${runId}`,
  };
  return integrations;
}
