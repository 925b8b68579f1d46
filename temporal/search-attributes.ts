import type { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { searchAttributes } from '../workflows/messages.js';

/** Dev-server flags registering docflow's search attributes. */
export const searchAttributeFlags = Object.values(searchAttributes).flatMap((key) => [
  '--search-attribute',
  `${key.name}=Keyword`,
]);

/** Registers the search attributes on a cluster that lacks them (needs operator permission). */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = Object.values(searchAttributes).filter((key) => !(key.name in (existing.customAttributes ?? {})));
  if (!missing.length) return;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      missing.map((key) => [key.name, proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]),
    ),
  });
}
