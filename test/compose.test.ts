import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configVariables } from '../config/config.js';

const compose = parse(fs.readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'));
const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const services = compose.services as Record<string, any>;
/** `${VAR:-default}` and `${VAR:?message}` resolved to their defaults / a placeholder. */
const resolve = (value: string) =>
  String(value).replace(/\$\{(\w+)(?::[-?]([^}]*))?\}/g, (_m, name, fallback) =>
    fallback && !/^set /.test(fallback) ? fallback : `<${name}>`,
  );

describe('docker-compose.yml (production stack)', () => {
  it('has PostgreSQL, Temporal on PostgreSQL, the Temporal UI, and docflow API and worker', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgres', 'temporal', 'temporal-ui', 'api', 'worker']),
    );
    expect(services.temporal.environment.DB).toBe('postgres12');
    expect(services.temporal.environment.POSTGRES_SEEDS).toBe('postgres');
    expect(services['temporal-ui'].environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('pins every image and runs no dev server', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.image) expect(service.image, name).toMatch(/:[\w.]+$/);
      expect(JSON.stringify(service), name).not.toContain('start-dev');
    }
  });

  it('runs docflow through npm scripts that exist', () => {
    expect(services.api.command).toEqual(['npm', 'run', 'api']);
    expect(services.worker.command).toEqual(['npm', 'run', 'worker']);
    expect(pkg.scripts.api).toBeDefined();
    expect(pkg.scripts.worker).toBeDefined();
  });

  it('gives docflow only variables the config module reads, consistent across services', () => {
    for (const name of ['api', 'worker']) {
      const env = services[name].environment as Record<string, string>;
      for (const key of Object.keys(env)) expect(configVariables, `${name}.${key}`).toContain(key);
      const databaseUrl = new URL(resolve(env.DATABASE_URL!));
      expect(databaseUrl.hostname).toBe('postgres');
      expect(databaseUrl.pathname).toBe(`/${services.postgres.environment.POSTGRES_DB}`);
      expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(services.temporal.ports, 'Temporal is not published outside the compose network').toBeUndefined();
      expect(services['temporal-ui'].ports).toEqual(['127.0.0.1:8233:8080']);
    }
    const api = services.api.environment;
    const worker = services.worker.environment;
    for (const key of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'DOCFLOW_TASK_QUEUE'])
      expect(api[key], key).toBe(worker[key]);
    expect(services.api.ports).toContain(`${api.PORT}:${api.PORT}`);
    expect(services['temporal-ui'].environment.TEMPORAL_DEFAULT_NAMESPACE).toBe(api.TEMPORAL_NAMESPACE);
    // The UI decodes through docflow's codec with the browser's session, and docflow lets that UI in.
    expect(services['temporal-ui'].environment.TEMPORAL_CODEC_ENDPOINT).toBe(`${api.DOCFLOW_PUBLIC_URL}/codec`);
    expect(services['temporal-ui'].environment.TEMPORAL_CODEC_INCLUDE_CREDENTIALS).toBe('true');
  });

  it('registers the search attributes the workflow sets', () => {
    const script = JSON.stringify(services['temporal-namespace'].command);
    for (const name of ['DocflowStatus', 'DocflowProject', 'DocflowSource']) expect(script).toContain(name);
  });
});
