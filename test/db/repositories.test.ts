import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../../db/database.js';
import { createApiKey, findApiKey } from '../../db/repositories/api-keys.js';
import { appendAudit } from '../../db/repositories/audit.js';
import { deleteProject, insertProject, listProjects } from '../../db/repositories/projects.js';
import { countActiveRuns, findRun, insertRun, recordTransition, runTimeline } from '../../db/repositories/runs.js';
import { terminalStatuses } from '../../core/run-status.js';
import { createTestDatabase } from '../support/postgres.js';

const backends = [
  ['PGlite (embedded)', async () => ({ db: await openDatabase({}), drop: async () => {} })],
  [
    'PostgreSQL',
    async () => {
      const database = await createTestDatabase();
      return { db: await openDatabase({ databaseUrl: database.url }), drop: database.drop };
    },
  ],
] as const;

describe.each(backends)('repositories on %s', (_name, open) => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await open());
  });
  afterAll(async () => {
    await db?.destroy();
    await drop?.();
  });

  const input = {
    name: 'p',
    triggers: [{ type: 'manual' as const }],
    context: [{ type: 'local-git', repo: '/src' }],
    destinations: [{ type: 'local-git', repo: '/docs', baseBranch: 'main', docsDir: 'docs' }],
    review: { required: true, expireAfter: '14d' },
    drafting: {},
  };

  it('round-trips projects with their JSON settings', async () => {
    const project = await insertProject(db, 'prj_a', input);
    expect(project).toMatchObject({ id: 'prj_a', ...input });
    expect((await listProjects(db)).map((p) => p.id)).toContain('prj_a');
  });

  it('records transitions once per (status, time) and keeps the timeline in order', async () => {
    await insertRun(db, { id: 'run_a', projectId: 'prj_a', trigger: 'manual', source: { type: 'local-git' } });
    const run = { projectId: 'prj_a', trigger: 'manual', source: { type: 'local-git', head: 'h2' } };
    await recordTransition(db, { runId: 'run_a', run, status: 'gathering_context', at: 1000 });
    await recordTransition(db, { runId: 'run_a', run, status: 'gathering_context', at: 1000 }); // activity retry
    await recordTransition(db, { runId: 'run_a', run, status: 'drafting', at: 2000, suggestionId: 'sug_1' });
    expect((await runTimeline(db, 'run_a')).map((e) => e.status)).toEqual(['gathering_context', 'drafting']);
    const row = await findRun(db, 'run_a');
    expect(row).toMatchObject({ status: 'drafting', suggestion_id: 'sug_1', source: { head: 'h2' } });
    expect(await countActiveRuns(db, 'prj_a', terminalStatuses)).toBe(1);
  });

  it('recreates a run row the starting process never wrote', async () => {
    await recordTransition(db, {
      runId: 'run_orphan',
      run: { projectId: 'prj_a', trigger: 'manual', source: { type: 'x' } },
      status: 'gathering_context',
      at: 5,
    });
    expect(await findRun(db, 'run_orphan')).toMatchObject({ status: 'gathering_context', project_id: 'prj_a' });
  });

  it('serialises concurrent transactions', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        recordTransition(db, {
          runId: 'run_a',
          run: { projectId: 'prj_a', trigger: 'manual', source: {} },
          status: 'drafting',
          at: 10_000 + i,
        }),
      ),
    );
    expect((await runTimeline(db, 'run_a')).length).toBe(12);
  });

  it('finds API keys by hash only, and not once revoked or expired', async () => {
    const { id, key } = await createApiKey(db, { name: 'k', role: 'admin' });
    expect(await findApiKey(db, key)).toMatchObject({ id, role: 'admin' });
    expect(await findApiKey(db, key + 'x')).toBeUndefined();
    await db
      .updateTable('api_keys')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    expect(await findApiKey(db, key)).toBeUndefined();
  });

  it('keeps the audit log append-only', async () => {
    await appendAudit(db, { actor: 'key_1', action: 'project.create', target: 'prj_a', outcome: 'success' });
    await expect(sql`update audit_log set actor = 'someone else'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('deletes a project with its runs and their events', async () => {
    expect(await deleteProject(db, 'prj_a')).toBe(true);
    expect(await findRun(db, 'run_a')).toBeUndefined();
    expect(await runTimeline(db, 'run_a')).toEqual([]);
  });
});

describe('embedded database on disk', () => {
  it('keeps data across restarts under the data dir', async () => {
    const { tempDir } = await import('../support/git-repos.js');
    const dataDir = tempDir();
    const first = await openDatabase({ dataDir });
    await insertProject(first, 'prj_disk', {
      name: 'disk',
      triggers: [{ type: 'manual' }],
      context: [{ type: 'x' }],
      destinations: [{ type: 'y' }],
      review: { required: true, expireAfter: '1d' },
      drafting: {},
    });
    await first.destroy();
    const second = await openDatabase({ dataDir });
    expect((await listProjects(second)).map((p) => p.id)).toEqual(['prj_disk']);
    await second.destroy();
  });
});
