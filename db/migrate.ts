import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as initial from './migrations/0001-initial.js';
import * as integrations from './migrations/0002-integrations.js';
import * as drafting from './migrations/0003-drafting.js';
import * as access from './migrations/0004-access.js';
import * as health from './migrations/0005-connection-health.js';
import * as installation from './migrations/0006-installation.js';
import * as requester from './migrations/0007-run-requester.js';
import * as webSessions from './migrations/0008-web-sessions.js';
import * as projectTasks from './migrations/0009-project-tasks.js';
import * as articlePublications from './migrations/0010-article-publications.js';
import * as suggestedReviewers from './migrations/0011-suggested-reviewers.js';
import * as suggestionPageVersions from './migrations/0012-suggestion-page-versions.js';
import * as runIndexes from './migrations/0013-run-indexes.js';
import * as docsPRs from './migrations/0014-docs-prs.js';
import * as backfills from './migrations/0016-backfills.js';
import * as suggestionDestinations from './migrations/0015-suggestion-destinations.js';
import * as keptDeliveries from './migrations/0018-kept-deliveries.js';

/** Migrations are imported statically so they work the same from source, tests and bundles. */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-integrations': integrations,
  '0003-drafting': drafting,
  '0004-access': access,
  '0005-connection-health': health,
  '0006-installation': installation,
  '0007-run-requester': requester,
  '0008-web-sessions': webSessions,
  '0009-project-tasks': projectTasks,
  '0010-article-publications': articlePublications,
  '0011-suggested-reviewers': suggestedReviewers,
  '0012-suggestion-page-versions': suggestionPageVersions,
  '0013-run-indexes': runIndexes,
  '0014-docs-prs': docsPRs,
  '0016-backfills': backfills,
  '0015-suggestion-destinations': suggestionDestinations,
  '0018-kept-deliveries': keptDeliveries,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new Error(`database migration failed: ${error instanceof Error ? error.message : String(error)}`);
  return (results ?? []).map((r) => r.migrationName);
}
