import type { ApiClient } from './api-client.js';

interface BackfillView {
  id: string;
  status: string;
  detail?: string;
  progress: { done: number; total?: number };
  triggers: { index: number; type: string; status: string; changes?: number; message?: string }[];
  items: {
    label: string;
    at: string;
    outcome?: { status: string; reason?: string; message?: string; pages?: string[]; confidence?: number };
    run?: { runId: string; status: string };
  }[];
}

const finished = (status: string) => status === 'completed' || status === 'failed';

/**
 * `docflow backfill`: starts a backfill and follows it to the end (progress on stderr), then prints what would
 * happen to each change (and the runs started), or the API's answer as it is with `--json`.
 */
export async function backfillCommand(
  api: ApiClient,
  options: { project: string; since: string; start: boolean; max?: string; json?: boolean },
  progress: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  pollMs = 1000,
): Promise<unknown> {
  const started = (await api.call('POST', `/v1/projects/${encodeURIComponent(options.project)}/backfill`, {
    since: options.since,
    dryRun: !options.start,
    ...(options.max !== undefined ? { max: Number(options.max) } : {}),
  })) as { id: string };
  let view: BackfillView;
  let last = '';
  for (;;) {
    view = (await api.call('GET', `/v1/backfills/${encodeURIComponent(started.id)}`)) as BackfillView;
    const line = `${view.id} ${view.status} ${view.progress.done}/${view.progress.total ?? '?'}`;
    if (line !== last) progress((last = line));
    if (finished(view.status)) break;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  if (options.json) return view;
  return describe(view);
}

function describe(view: BackfillView): string[] {
  const lines = view.triggers.map(
    (t) => `trigger ${t.index} (${t.type}): ${t.status === 'listed' ? `${t.changes} changes` : t.message}`,
  );
  for (const item of view.items) {
    const o = item.outcome;
    const what = !o
      ? 'not assessed'
      : o.status === 'would_update'
        ? `would update ${o.pages!.join(', ')} (confidence ${o.confidence})`
        : o.status === 'skipped'
          ? `skipped: ${o.reason} (${o.message})`
          : o.status === 'no_changes'
            ? `no docs change: ${o.reason}`
            : `error: ${o.message}`;
    const run = item.run ? ` → ${item.run.status === 'started' ? 'started' : 'already had'} ${item.run.runId}` : '';
    lines.push(`${item.at.slice(0, 10)} ${item.label}: ${what}${run}`);
  }
  if (view.status === 'failed') lines.push(`backfill failed: ${view.detail ?? 'see the worker log'}`);
  return lines;
}
