import type { Client } from '@temporalio/client';
import type { Logger } from '../config/logger.js';
import type { Db } from '../db/database.js';
import { createInstallation, findInstallation, markInstallationBound } from '../db/repositories/installation.js';
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { checkKeyCanary, checkSealedSecret, sealKeyCanary } from '../secrets/key-canary.js';
import type { SecretBox } from '../secrets/secret-box.js';
import { readInstallationMarker, writeInstallationMarker } from '../temporal/installation-marker.js';
import { reconcileLostRuns } from '../runs/lost-runs.js';

export interface StateCheck {
  db: Db;
  secrets: SecretBox;
  client: Client;
  taskQueue: string;
  /** DOCFLOW_RESET_STATE: accept a lost or mismatched store and start over from what is left. */
  reset: boolean;
  /** Where each store lives, for the operator: a folder, or the variable that points at it. */
  where: { database: string; temporal: string };
  logger: Logger;
}

const resetHint = 'or, to accept the loss, start once with DOCFLOW_RESET_STATE=1';

/**
 * The database and Temporal each name the installation they belong to, so losing (or swapping)
 * one of them is found at start instead of showing as an empty system or runs that never move.
 * Also opens the key canary: a wrong DOCFLOW_SECRET_KEY stops the start here.
 */
export async function checkState({
  db,
  secrets,
  client,
  taskQueue,
  reset,
  where,
  logger,
}: StateCheck): Promise<string> {
  const stored = await findInstallation(db);
  if (stored) checkKeyCanary(secrets, stored.key_canary);
  else await checkExistingSecrets(db, secrets);
  const marked = await readInstallationMarker(client, taskQueue);

  // A database whose first start did not get as far as marking Temporal is still new.
  const fresh = !stored?.bound_at;
  if (fresh && marked && marked !== stored?.id && !reset) {
    throw new AppError(
      'state_mismatch',
      `${where.temporal} holds the runs of docflow installation ${marked}, but ${where.database} does not belong to it: the database was lost or replaced. ` +
        `Restore the database from a backup (or point docflow at the right one), ${resetHint} to begin again with an empty database (the old runs are not brought back).`,
    );
  }
  if (!fresh && marked !== stored!.id && !reset) {
    const found = marked ? `holds installation ${marked} instead` : 'has no record of it';
    throw new AppError(
      'state_mismatch',
      `${where.database} belongs to docflow installation ${stored!.id}, but ${where.temporal} ${found}: Temporal's state was lost or replaced. ` +
        `Restore it (or point docflow at the right cluster, namespace and task queue), ${resetHint}: runs whose workflow is gone then end failed with reason workflow_lost.`,
    );
  }

  const installation =
    stored ?? (await createInstallation(db, { id: newId('ins'), keyCanary: sealKeyCanary(secrets) }));
  if (marked !== installation.id) {
    if (marked || !fresh)
      logger.warn(
        { installation: installation.id, previous: marked ?? null },
        "DOCFLOW_RESET_STATE: Temporal now marks this database's installation",
      );
    await writeInstallationMarker(client, taskQueue, installation.id);
  }
  await markInstallationBound(db, installation.id);
  const lost = await reconcileLostRuns(db, client);
  if (lost.length)
    logger.warn(
      { runs: lost },
      `${lost.length} run(s) ended failed (workflow_lost): their Temporal workflows no longer exist`,
    );
  return installation.id;
}

/** Before the canary is first sealed: a database from an earlier version must not get one under a wrong key. */
async function checkExistingSecrets(db: Db, secrets: SecretBox): Promise<void> {
  const sealed = await db.selectFrom('integrations').select('sealed_secrets').limit(1).executeTakeFirst();
  if (sealed) checkSealedSecret(secrets, sealed.sealed_secrets);
}
