import path from 'node:path';
import { z } from 'zod';
import { parseDuration } from '../core/duration.js';
import { providers } from '../integrations/registry.js';
import type { TracingConfig } from '../metrics/tracing.js';
import { logFormats, type LogFormat } from './logger.js';

/** Everything docflow reads from the environment, with defaults in one place. */
export interface LlmConfig {
  /** `offline` (no model, the default), `openai` (or any OpenAI-compatible server) or `anthropic`. */
  provider: 'offline' | 'openai' | 'anthropic';
  model?: string;
  baseUrl?: string;
  apiKey?: string;
  /** Input token budget of one drafting call. */
  inputBudget: number;
  timeoutMs: number;
}

export interface Config {
  port: number;
  dataDir: string;
  /** Unset → embedded PGlite under `dataDir`. */
  databaseUrl?: string;
  temporal: {
    /** Unset → `npm start` runs a local dev server. */
    address?: string;
    namespace: string;
    taskQueue: string;
    devServer: { port: number; uiPort: number; cliPath?: string };
    /** Temporal Web UI base URL for links to runs; the dev server's own when docflow runs one. */
    uiUrl?: string;
    /** `host:port` where the Temporal SDK serves the worker's own Prometheus metrics; unset → not exported. */
    metricsAddress?: string;
    /** DOCFLOW_WORKER_CACHED_WORKFLOWS: workflows the worker keeps in memory between tasks (see workers/create-worker.ts). */
    maxCachedWorkflows: number;
  };
  adminToken?: string;
  logLevel: string;
  /** DOCFLOW_LOG_FORMAT: `auto` → readable lines at a terminal outside production, JSON otherwise. */
  logFormat: LogFormat;
  /** Base URL the API is reachable at, used in links. */
  publicUrl: string;
  llm: LlmConfig;
  production: boolean;
  allowPrivateUrls: boolean;
  /** OAuth apps the operator registered with providers, by provider. */
  oauth: Record<string, { clientId: string; clientSecret: string; baseUrl?: string } | undefined>;
  /** Requests per minute per client on /v1 and on /webhooks. */
  rateLimits: { api: number; webhooks: number };
  secrets: { key?: string; oldKeys?: string };
  /** DOCFLOW_RESET_STATE: start although the database or Temporal lost its state (see bin/check-state.ts). */
  resetState: boolean;
  /** DOCFLOW_DELIVERY_RETENTION: how long verified webhook deliveries are kept for `docflow replay`; 0 keeps none. */
  deliveryRetentionMs: number;
  /** The provider variables that are set, for `ProviderDeps.env`. */
  providerEnv: Record<string, string | undefined>;
  /** OpenTelemetry tracing; unset (the default) → off. */
  tracing?: TracingConfig;
}

const port = z.coerce.number().int().min(1).max(65535);
const httpUrl = z
  .string()
  .url()
  .regex(/^https?:\/\//i, 'must be an http:// or https:// URL');

/** Providers connected through OAuth: each has `DOCFLOW_OAUTH_<PROVIDER>_{CLIENT_ID,CLIENT_SECRET,BASE_URL}`. */
const oauthProviders = providers.filter((p) => p.oauth).map((p) => p.provider);
/** Variables providers read themselves (`ProviderDefinition.variables`), passed to them as they are. */
const providerVariables = providers.flatMap((p) => p.variables ?? []);
const oauthVariable = (provider: string, name: string) =>
  `DOCFLOW_OAUTH_${provider.toUpperCase().replace(/-/g, '_')}_${name}`;

const oauthVariables = Object.fromEntries(
  oauthProviders.flatMap((p) =>
    ['CLIENT_ID', 'CLIENT_SECRET', 'BASE_URL'].map((v) => [
      oauthVariable(p, v),
      v === 'BASE_URL' ? z.string().url().optional() : z.string().min(1).optional(),
    ]),
  ),
);

const envSchema = z.object({
  ...oauthVariables,
  ...Object.fromEntries(providerVariables.map((name) => [name, z.string().optional()])),
  PORT: port.default(3000),
  DOCFLOW_DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z.string().url().optional(),
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  DOCFLOW_TASK_QUEUE: z.string().min(1).default('docflow'),
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_DEV_UI_PORT: port.default(8233),
  TEMPORAL_CLI_PATH: z.string().min(1).optional(),
  TEMPORAL_UI_URL: z.string().url().optional(),
  DOCFLOW_TEMPORAL_METRICS_ADDRESS: z
    .string()
    .regex(
      /^(\[[0-9a-fA-F:.]+\]|[\w.-]+):\d{1,5}$/,
      'DOCFLOW_TEMPORAL_METRICS_ADDRESS must be host:port, e.g. 127.0.0.1:9464',
    )
    .optional(),
  DOCFLOW_WORKER_CACHED_WORKFLOWS: z.coerce.number().int().min(2).max(100_000).default(500),
  DOCFLOW_ADMIN_TOKEN: z.string().min(16, 'DOCFLOW_ADMIN_TOKEN must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DOCFLOW_LOG_FORMAT: z.enum(logFormats).default('auto'),
  DOCFLOW_PUBLIC_URL: z.string().url().optional(),
  DOCFLOW_LLM_PROVIDER: z.enum(['offline', 'openai', 'anthropic']).default('offline'),
  DOCFLOW_LLM_MODEL: z.string().min(1).optional(),
  DOCFLOW_LLM_BASE_URL: z.string().url().optional(),
  DOCFLOW_LLM_INPUT_BUDGET: z.coerce.number().int().min(2000).default(16_000),
  DOCFLOW_LLM_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(120),
  OPENAI_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  DOCFLOW_SECRET_KEY: z.string().min(1).optional(),
  DOCFLOW_SECRET_KEYS_OLD: z.string().min(1).optional(),
  NODE_ENV: z.string().optional(),
  DOCFLOW_ALLOW_PRIVATE_URLS: z.enum(['0', '1', 'true', 'false']).optional(),
  DOCFLOW_RESET_STATE: z.enum(['0', '1', 'true', 'false']).optional(),
  DOCFLOW_RATE_LIMIT_API: z.coerce.number().int().min(1).default(600),
  DOCFLOW_RATE_LIMIT_WEBHOOKS: z.coerce.number().int().min(1).default(1200),
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl.optional(),
  OTEL_EXPORTER_OTLP_HEADERS: z
    .string()
    .regex(/^\s*[^=,\s]+\s*=[^,]*(,\s*[^=,\s]+\s*=[^,]*)*$/, 'OTEL_EXPORTER_OTLP_HEADERS must be key=value,key2=value2')
    .optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_SDK_DISABLED: z.enum(['true', 'false']).optional(),
  DOCFLOW_DELIVERY_RETENTION: z
    .string()
    .refine(
      (text) => text === '0' || text === 'off' || (parseDuration(text) ?? 0) >= 60_000,
      'DOCFLOW_DELIVERY_RETENTION must be a duration of at least 1m like "30d" or "12h", or 0/off to keep no deliveries',
    )
    .default('30d'),
});

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Pure function of the environment; throws ConfigError naming every bad variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blank = (value: string | undefined) => (value === '' ? undefined : value);
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.keys(envSchema.shape).map((key) => [key, blank(env[key])])),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  if (e.DOCFLOW_LLM_PROVIDER !== 'offline' && !e.DOCFLOW_LLM_MODEL) {
    throw new ConfigError(
      `invalid configuration: DOCFLOW_LLM_MODEL is required when DOCFLOW_LLM_PROVIDER=${e.DOCFLOW_LLM_PROVIDER}`,
    );
  }
  if (e.DOCFLOW_LLM_PROVIDER === 'anthropic' && !e.ANTHROPIC_API_KEY && !e.DOCFLOW_LLM_BASE_URL) {
    throw new ConfigError('invalid configuration: ANTHROPIC_API_KEY is required when DOCFLOW_LLM_PROVIDER=anthropic');
  }
  if (e.DOCFLOW_LLM_PROVIDER === 'openai' && !e.OPENAI_API_KEY && !e.DOCFLOW_LLM_BASE_URL) {
    throw new ConfigError(
      'invalid configuration: OPENAI_API_KEY is required when DOCFLOW_LLM_PROVIDER=openai without DOCFLOW_LLM_BASE_URL',
    );
  }
  return {
    port: e.PORT,
    dataDir: path.resolve(e.DOCFLOW_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.DOCFLOW_TASK_QUEUE,
      devServer: { port: e.TEMPORAL_DEV_PORT, uiPort: e.TEMPORAL_DEV_UI_PORT, cliPath: e.TEMPORAL_CLI_PATH },
      uiUrl: e.TEMPORAL_UI_URL?.replace(/\/$/, ''),
      metricsAddress: e.DOCFLOW_TEMPORAL_METRICS_ADDRESS,
      maxCachedWorkflows: e.DOCFLOW_WORKER_CACHED_WORKFLOWS,
    },
    adminToken: e.DOCFLOW_ADMIN_TOKEN,
    logLevel: e.LOG_LEVEL,
    logFormat: e.DOCFLOW_LOG_FORMAT,
    publicUrl: e.DOCFLOW_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    llm: {
      provider: e.DOCFLOW_LLM_PROVIDER,
      model: e.DOCFLOW_LLM_MODEL,
      baseUrl: e.DOCFLOW_LLM_BASE_URL,
      apiKey:
        e.DOCFLOW_LLM_PROVIDER === 'anthropic'
          ? e.ANTHROPIC_API_KEY
          : e.DOCFLOW_LLM_PROVIDER === 'openai'
            ? e.OPENAI_API_KEY
            : undefined,
      inputBudget: e.DOCFLOW_LLM_INPUT_BUDGET,
      timeoutMs: e.DOCFLOW_LLM_TIMEOUT_SECONDS * 1000,
    },
    production: e.NODE_ENV === 'production',
    allowPrivateUrls: e.DOCFLOW_ALLOW_PRIVATE_URLS === '1' || e.DOCFLOW_ALLOW_PRIVATE_URLS === 'true',
    rateLimits: { api: e.DOCFLOW_RATE_LIMIT_API, webhooks: e.DOCFLOW_RATE_LIMIT_WEBHOOKS },
    oauth: Object.fromEntries(
      oauthProviders.map((p) => {
        const value = (v: string) => (e as unknown as Record<string, string | undefined>)[oauthVariable(p, v)];
        const [clientId, clientSecret] = [value('CLIENT_ID'), value('CLIENT_SECRET')];
        return [p, clientId && clientSecret ? { clientId, clientSecret, baseUrl: value('BASE_URL') } : undefined];
      }),
    ),
    secrets: { key: e.DOCFLOW_SECRET_KEY, oldKeys: e.DOCFLOW_SECRET_KEYS_OLD },
    providerEnv: Object.fromEntries(
      providerVariables.map((name) => [name, (e as unknown as Record<string, string | undefined>)[name]]),
    ),
    resetState: e.DOCFLOW_RESET_STATE === '1' || e.DOCFLOW_RESET_STATE === 'true',
    tracing: tracingConfig(e),
    deliveryRetentionMs:
      e.DOCFLOW_DELIVERY_RETENTION === '0' || e.DOCFLOW_DELIVERY_RETENTION === 'off'
        ? 0
        : parseDuration(e.DOCFLOW_DELIVERY_RETENTION)!,
  };
}

/** On when an OTLP endpoint is set (OpenTelemetry's own variables), unless OTEL_SDK_DISABLED=true. */
function tracingConfig(e: z.infer<typeof envSchema>): TracingConfig | undefined {
  if (e.OTEL_SDK_DISABLED === 'true') return undefined;
  const tracesUrl =
    e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (e.OTEL_EXPORTER_OTLP_ENDPOINT && `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces`);
  if (!tracesUrl) return undefined;
  const headers = Object.fromEntries(
    (e.OTEL_EXPORTER_OTLP_HEADERS ?? '')
      .split(',')
      .filter((pair) => pair.includes('='))
      .map((pair) => {
        const at = pair.indexOf('=');
        return [pair.slice(0, at).trim(), decodeOr(pair.slice(at + 1).trim())];
      }),
  );
  return { tracesUrl, serviceName: e.OTEL_SERVICE_NAME, headers };
}

/** The variables `readConfig` understands; the compose test checks services only set these. */
export const configVariables = Object.keys(envSchema.shape);

const decodeOr = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};
