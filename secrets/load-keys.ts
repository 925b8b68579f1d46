import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';

export interface KeySettings {
  /** DOCFLOW_SECRET_KEY: 32 bytes, base64. */
  secretKey?: string;
  /** DOCFLOW_SECRET_KEYS_OLD: comma-separated keys that may still open older secrets. */
  oldKeys?: string;
  production: boolean;
  dataDir: string;
}

function decodeKey(text: string, name: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes encoded as base64 (got ${key.length} bytes)`);
  return key;
}

/**
 * The key-encryption keys, newest first. Development without DOCFLOW_SECRET_KEY gets a key
 * generated into the data dir (with a warning); production without one refuses to start.
 */
export function loadSecretKeys(settings: KeySettings, logger?: Logger): Buffer[] {
  const old = (settings.oldKeys ?? '')
    .split(',')
    .filter((k) => k.trim())
    .map((k) => decodeKey(k, 'DOCFLOW_SECRET_KEYS_OLD'));
  if (settings.secretKey) return [decodeKey(settings.secretKey, 'DOCFLOW_SECRET_KEY'), ...old];
  if (settings.production) throw new Error('DOCFLOW_SECRET_KEY is required in production (32 random bytes, base64)');
  const file = path.join(settings.dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(settings.dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
    logger?.warn(
      { file },
      'DOCFLOW_SECRET_KEY is not set: generated a development key; set DOCFLOW_SECRET_KEY in production',
    );
  }
  return [decodeKey(fs.readFileSync(file, 'utf8'), file), ...old];
}
