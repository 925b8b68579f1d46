import { createHash } from 'node:crypto';
import type { Project } from '../../../core/project.js';
import type { TypedConfig } from '../../../core/typed-config.js';
import type { ProjectTaskPlan, ProjectTaskTools, SupportSource, TriggerCommand } from '../../contract.js';
import { groupThreads } from './group-threads.js';
import { supportChange } from './support-change.js';

export interface SupportSweep {
  /** The provider's name for one thread (`ticket`, `conversation`) and its trigger (`zendesk.sweep`). */
  kind: string;
  trigger: string;
  integrationId: string;
  /** Where a thread's text is cited from in a run's change (`zendesk/tickets/12`). */
  pathOf(id: string): string;
  /** The run's source for a group of threads, each pinned to the update that was read. */
  sourceOf(threads: { id: string; updatedAt: string; url?: string }[]): TypedConfig;
  minThreads: number;
  maxRuns: number;
}

/**
 * A sweep's plan: the threads changed since the cursor, grouped by topic; a group the docs already cover is
 * counted, not run; the others become one run each (with `minThreads` of them, at most `maxRuns`). The run key
 * is a digest of the thread updates it covers: the same sweep planned again plans the same runs, and a thread
 * solved again is a new run.
 */
export async function planSupportRuns(
  project: Project,
  sweep: SupportSweep,
  swept: Awaited<ReturnType<SupportSource<TypedConfig>['sweep']>>,
  tools: ProjectTaskTools,
): Promise<ProjectTaskPlan> {
  const skipped: Record<string, number> = {};
  const skip = (reason: string, n = 1) => (skipped[reason] = (skipped[reason] ?? 0) + n);
  for (const s of swept.skipped) skip(s.reason);
  const groups = groupThreads(swept.threads);
  const commands: TriggerCommand[] = [];
  const findings: Record<string, number> = {};
  for (const group of groups) {
    if (group.threads.length < sweep.minThreads) {
      skip('below_min_tickets', group.threads.length);
      continue;
    }
    const { verdict } = await tools.assessDocs(supportChange('', sweep.kind, group.threads, sweep.pathOf));
    findings[verdict] = (findings[verdict] ?? 0) + 1;
    if (verdict === 'covered') {
      skip('covered', group.threads.length);
      continue;
    }
    if (commands.length >= sweep.maxRuns) {
      skip('run_cap', group.threads.length);
      continue;
    }
    const threads = group.threads
      .map((t) => ({ id: t.id, updatedAt: t.updatedAt, ...(t.url ? { url: t.url } : {}) }))
      .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
    const digest = createHash('sha256')
      .update(threads.map((t) => `${t.id}@${t.updatedAt}`).join(','))
      .digest('hex')
      .slice(0, 32);
    const topic = group.terms.length ? group.terms.map((t) => `\`${t}\``).join(', ') : undefined;
    commands.push({
      kind: 'start_or_update',
      projectId: project.id,
      workflowKey: `${sweep.trigger.split('.')[0]}:${sweep.integrationId}:sweep:${digest}`,
      source: sweep.sourceOf(threads),
      trigger: sweep.trigger,
      note: `${verdict === 'contradiction' ? 'The docs contradict' : verdict === 'gap' ? 'The docs do not answer' : 'Support'} ${sweep.kind}s${topic ? ` about ${topic}` : ''}.`,
    });
  }
  return {
    commands,
    cursor: swept.cursor,
    counts: {
      read: swept.read,
      analysed: swept.threads.length,
      grouped: groups.length,
      runsPlanned: commands.length,
      findings,
      skipped,
    },
  };
}
