import { readConfig } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { openDatabase } from '../db/database.js';
import { loadSecretKeys } from '../secrets/load-keys.js';
import { rotateSecretKeys } from '../secrets/rotate-keys.js';
import { createSecretBox } from '../secrets/secret-box.js';

/** `docflow keys rotate`: run where docflow's configuration is (it opens the database directly). */
export async function keysRotateCommand(env: NodeJS.ProcessEnv): Promise<string> {
  const config = readConfig(env);
  const logger = createLogger('warn', 'docflow-keys');
  const keys = loadSecretKeys(
    {
      secretKey: config.secrets.key,
      oldKeys: config.secrets.oldKeys,
      production: config.production,
      dataDir: config.dataDir,
    },
    logger,
  );
  const box = createSecretBox(keys);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const { rewrapped, current } = await rotateSecretKeys(db, box);
    return `re-wrapped ${rewrapped} stored secret(s) under key ${box.keyId}; ${current} already used it. Keys in DOCFLOW_SECRET_KEYS_OLD are no longer needed for stored credentials.`;
  } finally {
    await db.destroy();
  }
}
