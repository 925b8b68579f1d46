import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { migrateToLatest } from './migrate.js';
import { PGliteDialect } from './pglite-dialect.js';

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** Folder for the embedded database; `undefined` with no URL means in-memory (tests). */
  dataDir?: string;
  /** Told when PostgreSQL drops an idle pooled connection (restart, failover); the pool replaces it. */
  onConnectionError?: (error: Error) => void;
}

/** Opens the database (PostgreSQL or embedded PGlite) and brings the schema up to date. */
export async function openDatabase(options: DatabaseOptions): Promise<Db> {
  const db = options.databaseUrl
    ? openPostgres(options.databaseUrl, options.onConnectionError)
    : await openPGlite(options.dataDir);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

function openPostgres(connectionString: string, onConnectionError: (error: Error) => void = () => {}): Db {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // Without a listener an idle client's error would crash the process.
  pool.on('error', onConnectionError);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

async function openPGlite(dataDir: string | undefined): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  let location: string | undefined;
  if (dataDir) {
    location = path.join(dataDir, 'pglite');
    fs.mkdirSync(location, { recursive: true });
  }
  // PostgreSQL's default 128 MB of shared buffers live in the WebAssembly heap for the life of the process:
  // `npm start` measured 958 MB RSS when ready with them, 515–526 MB with 16 MB. docflow's tables are small,
  // and PGlite's files sit in the OS page cache anyway.
  const options = { postgresqlconf: ['shared_buffers=16MB'] };
  const pglite = location ? new PGlite(location, options) : new PGlite(options);
  return new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
}
