import type { Db } from '../db/database.js';
import { countApiKeys, createApiKey } from '../db/repositories/api-keys.js';

/**
 * On first start there is no key: create the admin key from DOCFLOW_ADMIN_TOKEN, or generate one
 * and hand it back so the caller can print it once.
 */
export async function bootstrapAdminKey(db: Db, adminToken?: string): Promise<{ generated?: string } | undefined> {
  if ((await countApiKeys(db)) > 0) return undefined;
  const { key } = await createApiKey(db, { name: 'admin', role: 'admin' }, adminToken);
  return adminToken ? {} : { generated: key };
}
