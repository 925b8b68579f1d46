import { sql } from 'kysely';
import type { Db } from '../database.js';
import { AppError } from '../../core/errors.js';
import type { ProjectRow } from '../schema.js';
import type { Project, ProjectInput } from '../../core/project.js';

export function toProject(row: ProjectRow): Project {
  const config = row.config as Omit<ProjectInput, 'name'>;
  return {
    id: row.id,
    name: row.name,
    ...config,
    drafting: config.drafting ?? {},
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function configOf(input: ProjectInput): string {
  const { name: _name, ...config } = input;
  return JSON.stringify(config);
}

export async function insertProject(db: Db, id: string, input: ProjectInput): Promise<Project> {
  const row = await db
    .insertInto('projects')
    .values({ id, name: input.name, config: configOf(input) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toProject(row);
}

export async function findProject(db: Db, id: string): Promise<Project | undefined> {
  const row = await db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toProject(row);
}

/** The project, or a `not_found` AppError (a 404 from the API). */
export async function requireProject(db: Db, id: string): Promise<Project> {
  const project = await findProject(db, id);
  if (!project) throw new AppError('not_found', `project ${id} does not exist`);
  return project;
}

export async function listProjects(db: Db): Promise<Project[]> {
  const rows = await db.selectFrom('projects').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toProject);
}

/**
 * The projects whose configuration names `integrationId` anywhere (a trigger, context, destination or
 * review channel entry): all a webhook of that connection can plan for, without reading every project.
 */
export async function listProjectsNaming(db: Db, integrationId: string): Promise<Project[]> {
  const rows = await db
    .selectFrom('projects')
    .selectAll()
    .where(
      sql<boolean>`jsonb_path_exists(config, '$.**.integrationId ? (@ == $id)', jsonb_build_object('id', ${integrationId}::text))`,
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toProject);
}

export async function updateProject(db: Db, id: string, input: ProjectInput): Promise<Project | undefined> {
  const row = await db
    .updateTable('projects')
    .set({ name: input.name, config: configOf(input), updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && toProject(row);
}

export async function deleteProject(db: Db, id: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    await tx.deleteFrom('runs').where('project_id', '=', id).execute();
    const result = await tx.deleteFrom('projects').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  });
}
