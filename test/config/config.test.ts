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
      temporal: { address: undefined, namespace: 'default', taskQueue: 'docflow', devServer: { port: 7233, uiPort: 8233 } },
      logLevel: 'info',
      publicUrl: 'http://localhost:3000',
    });
  });

  it('reads a production environment', () => {
    const config = readConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@db:5432/docflow', TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_NAMESPACE: 'docs' });
    expect(config).toMatchObject({ port: 8080, databaseUrl: 'postgres://u@db:5432/docflow', temporal: { address: 'temporal:7233', namespace: 'docs' } });
  });

  it('treats empty variables as unset', () => {
    expect(readConfig({ DATABASE_URL: '', TEMPORAL_ADDRESS: '' }).databaseUrl).toBeUndefined();
  });

  it('names every bad variable', () => {
    expect(() => readConfig({ PORT: 'eighty', DATABASE_URL: 'not a url', DOCFLOW_ADMIN_TOKEN: 'short' })).toThrow(ConfigError);
    try {
      readConfig({ PORT: 'eighty', DATABASE_URL: 'not a url', DOCFLOW_ADMIN_TOKEN: 'short' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DATABASE_URL/);
      expect((error as Error).message).toMatch(/DOCFLOW_ADMIN_TOKEN must be at least 16/);
    }
  });
});
