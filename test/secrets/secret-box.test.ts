import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.js';
import { findIntegration, insertIntegration } from '../../db/repositories/integrations.js';
import { loadSecretKeys } from '../../secrets/load-keys.js';
import { rotateSecretKeys } from '../../secrets/rotate-keys.js';
import { createSecretBox, keyIdOf } from '../../secrets/secret-box.js';
import { tempDir } from '../support/git-repos.js';

describe('the secret box', () => {
  it('seals with a fresh data key per secret, tagged with the key id, and opens it again', () => {
    const key = randomBytes(32);
    const box = createSecretBox([key]);
    const a = box.seal('ghp_secret_value');
    const b = box.seal('ghp_secret_value');
    expect(a).not.toBe(b);
    expect(a).not.toContain('ghp_secret_value');
    expect(JSON.parse(a)).toMatchObject({ v: 1, kid: keyIdOf(key) });
    expect(box.open(a)).toBe('ghp_secret_value');
  });

  it('detects tampering and names a missing key', () => {
    const box = createSecretBox([randomBytes(32)]);
    const sealed = JSON.parse(box.seal('x'));
    const [iv, tag, ct] = sealed.ct.split('.');
    const flipped = Buffer.from(ct, 'base64url');
    flipped[0] ^= 1;
    sealed.ct = [iv, tag, flipped.toString('base64url')].join('.');
    expect(() => box.open(JSON.stringify(sealed))).toThrow();
    expect(() => createSecretBox([randomBytes(32)]).open(box.seal('y'))).toThrow(/not configured/);
  });

  it('rotates: old keys still open until every record is re-wrapped, then are no longer needed', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const db = await openDatabase({});
    const oldBox = createSecretBox([oldKey]);
    for (const id of ['int_a', 'int_b']) {
      await insertIntegration(db, {
        id,
        provider: 'github',
        baseUrl: 'https://api.github.com',
        settings: {},
        sealedSecrets: oldBox.seal(`secret-of-${id}`),
        createdBy: 't',
      });
    }
    const rotating = createSecretBox([newKey, oldKey]);
    expect(rotating.open((await findIntegration(db, 'int_a'))!.sealed_secrets)).toBe('secret-of-int_a');
    expect(await rotateSecretKeys(db, rotating)).toEqual({ rewrapped: 2, current: 0 });
    expect(await rotateSecretKeys(db, rotating)).toEqual({ rewrapped: 0, current: 2 });
    const newOnly = createSecretBox([newKey]);
    expect(newOnly.open((await findIntegration(db, 'int_b'))!.sealed_secrets)).toBe('secret-of-int_b');
    await db.destroy();
  });
});

describe('loading keys', () => {
  it('generates a development key into the data dir once, and refuses to run without one in production', () => {
    const dataDir = tempDir();
    const first = loadSecretKeys({ production: false, dataDir });
    expect(loadSecretKeys({ production: false, dataDir })[0]).toEqual(first[0]);
    expect(fs.statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(() => loadSecretKeys({ production: true, dataDir: tempDir() })).toThrow(
      /DOCFLOW_SECRET_KEY is required in production/,
    );
    expect(() => loadSecretKeys({ production: true, dataDir, secretKey: 'c2hvcnQ=' })).toThrow(/32 bytes/);
    const key = randomBytes(32).toString('base64');
    const old = randomBytes(32).toString('base64');
    expect(
      loadSecretKeys({ production: true, dataDir, secretKey: key, oldKeys: old }).map((k) => k.toString('base64')),
    ).toEqual([key, old]);
  });
});

describe('docflow keys rotate', () => {
  it('re-wraps the stored secrets of the configured database under the new key', async () => {
    const { main } = await import('../../cli/main.js');
    const dataDir = tempDir();
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const db = await openDatabase({ dataDir });
    await insertIntegration(db, {
      id: 'int_cli',
      provider: 'github',
      baseUrl: 'https://api.github.com',
      settings: {},
      sealedSecrets: createSecretBox([oldKey]).seal('s3cret'),
      createdBy: 't',
    });
    await db.destroy();
    const env = {
      DOCFLOW_DATA_DIR: dataDir,
      DOCFLOW_SECRET_KEY: newKey.toString('base64'),
      DOCFLOW_SECRET_KEYS_OLD: oldKey.toString('base64'),
    };
    expect(await main(['keys', 'rotate'], env)).toMatch(/re-wrapped 1 stored secret/);
    const reopened = await openDatabase({ dataDir });
    expect(createSecretBox([newKey]).open((await findIntegration(reopened, 'int_cli'))!.sealed_secrets)).toBe('s3cret');
    await reopened.destroy();
  });
});
