import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../config/config.js';

describe('readConfig', () => {
  it('defaults to the embedded setup', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      port: 3000,
      dataDir: path.resolve('.data'),
      databaseUrl: undefined,
      temporal: {
        address: undefined,
        namespace: 'default',
        taskQueue: 'docflow',
        devServer: { port: 7233, uiPort: 8233 },
      },
      logLevel: 'info',
      publicUrl: 'http://localhost:3000',
    });
  });

  it('reads a production environment', () => {
    const config = readConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db:5432/docflow',
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_NAMESPACE: 'docs',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u@db:5432/docflow',
      temporal: { address: 'temporal:7233', namespace: 'docs' },
    });
  });

  it('turns OpenTelemetry tracing on only when an OTLP endpoint is set, with its headers', () => {
    expect(readConfig({}).tracing).toBeUndefined();
    expect(readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracing).toEqual({
      tracesUrl: 'http://collector:4318/v1/traces',
      serviceName: undefined,
      headers: {},
    });
    expect(
      readConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.com/otlp/v1/traces',
        OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=abc%3D%3D, x-team = docs',
        OTEL_SERVICE_NAME: 'docflow-eu',
      }).tracing,
    ).toEqual({
      tracesUrl: 'https://traces.example.com/otlp/v1/traces',
      serviceName: 'docflow-eu',
      headers: { 'x-api-key': 'abc==', 'x-team': 'docs' },
    });
    expect(
      readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).tracing,
    ).toBeUndefined();
    expect(() => readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(() =>
      readConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_HEADERS: 'no-equals' }),
    ).toThrow(/OTEL_EXPORTER_OTLP_HEADERS must be key=value/);
  });

  it("sizes the worker's workflow cache, 500 unless set, and refuses a size the SDK cannot run with", () => {
    expect(readConfig({}).temporal.maxCachedWorkflows).toBe(500);
    expect(readConfig({ DOCFLOW_WORKER_CACHED_WORKFLOWS: '2000' }).temporal.maxCachedWorkflows).toBe(2000);
    for (const bad of ['1', 'many', '2.5'])
      expect(() => readConfig({ DOCFLOW_WORKER_CACHED_WORKFLOWS: bad })).toThrow(/DOCFLOW_WORKER_CACHED_WORKFLOWS/);
  });

  it('treats empty variables as unset', () => {
    expect(readConfig({ DATABASE_URL: '', TEMPORAL_ADDRESS: '' }).databaseUrl).toBeUndefined();
  });

  it('names every bad variable', () => {
    expect(() => readConfig({ PORT: 'eighty', DATABASE_URL: 'not a url', DOCFLOW_ADMIN_TOKEN: 'short' })).toThrow(
      ConfigError,
    );
    try {
      readConfig({ PORT: 'eighty', DATABASE_URL: 'not a url', DOCFLOW_ADMIN_TOKEN: 'short' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DATABASE_URL/);
      expect((error as Error).message).toMatch(/DOCFLOW_ADMIN_TOKEN must be at least 16/);
    }
  });

  it('reads the model settings and refuses incomplete ones', () => {
    expect(readConfig({}).llm).toMatchObject({ provider: 'offline', inputBudget: 16_000, timeoutMs: 120_000 });
    expect(
      readConfig({
        DOCFLOW_LLM_PROVIDER: 'openai',
        DOCFLOW_LLM_MODEL: 'qwen',
        DOCFLOW_LLM_BASE_URL: 'http://localhost:11434/v1',
      }).llm,
    ).toMatchObject({ provider: 'openai', model: 'qwen', apiKey: undefined });
    expect(
      readConfig({ DOCFLOW_LLM_PROVIDER: 'anthropic', DOCFLOW_LLM_MODEL: 'c', ANTHROPIC_API_KEY: 'k' }).llm.apiKey,
    ).toBe('k');
    expect(() => readConfig({ DOCFLOW_LLM_PROVIDER: 'openai' })).toThrow(/DOCFLOW_LLM_MODEL is required/);
    expect(() => readConfig({ DOCFLOW_LLM_PROVIDER: 'anthropic', DOCFLOW_LLM_MODEL: 'c' })).toThrow(
      /ANTHROPIC_API_KEY is required/,
    );
    expect(() => readConfig({ DOCFLOW_LLM_PROVIDER: 'gpt' })).toThrow(/DOCFLOW_LLM_PROVIDER/);
  });

  it('reads OAuth apps only when both halves are set', () => {
    const config = readConfig({
      DOCFLOW_OAUTH_ZENDESK_CLIENT_ID: 'id',
      DOCFLOW_OAUTH_ZENDESK_CLIENT_SECRET: 'secret',
      DOCFLOW_OAUTH_SLACK_CLIENT_ID: 'only-id',
    });
    expect(config.oauth.zendesk).toEqual({ clientId: 'id', clientSecret: 'secret', baseUrl: undefined });
    expect(config.oauth.slack).toBeUndefined();
    expect(readConfig({ DOCFLOW_ALLOW_PRIVATE_URLS: '1' }).allowPrivateUrls).toBe(true);
    expect(readConfig({ NODE_ENV: 'production' }).production).toBe(true);
  });
});
