import fs from 'node:fs';
import type { ApiClient } from './api-client.js';

interface Effect {
  description: string;
  run?: { status: string; reason?: string };
}
interface ReplayView {
  windowStart: string;
  deliveries: {
    provider: string;
    deliveryId: string;
    event: string;
    receivedAt: string;
    then?: Effect[];
    now: { effects: Effect[] } | { error: string };
    notReplayed?: string;
    changed: boolean;
  }[];
  summary: { kept: number; unaffected: number; listed: number; changed: number; unchanged: number; errors: number };
}

/**
 * `docflow replay`: the project's kept webhook deliveries since `--since`, planned against the config in `--config`,
 * one line per delivery (what happened then vs what the config would do now), or the API's answer with `--json`.
 */
export async function replayCommand(
  api: ApiClient,
  options: { project: string; since: string; config: string; json?: boolean },
): Promise<unknown> {
  let config: unknown;
  try {
    config = JSON.parse(fs.readFileSync(options.config, 'utf8'));
  } catch (error) {
    throw new Error(`--config ${options.config}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  const view = (await api.call('POST', `/v1/projects/${encodeURIComponent(options.project)}/replay`, {
    since: options.since,
    config,
  })) as ReplayView;
  return options.json ? view : describe(view);
}

const listed = (effects: Effect[]) =>
  effects.length
    ? effects
        .map((e) => `${e.description}${e.run ? ` [${e.run.status}${e.run.reason ? `: ${e.run.reason}` : ''}]` : ''}`)
        .join('; ')
    : 'nothing';

function describe(view: ReplayView): string[] {
  const lines = view.deliveries.map((d) => {
    const then = d.then ? listed(d.then) : 'not recorded';
    const now = 'error' in d.now ? `cannot replay: ${d.now.error}` : (d.notReplayed ?? listed(d.now.effects));
    return `${d.changed ? '≠' : '='} ${d.receivedAt.slice(0, 19)} ${d.provider} ${d.event} ${d.deliveryId}: then ${then} | now ${now}`;
  });
  const s = view.summary;
  lines.push(
    `${s.kept} kept deliveries since ${view.windowStart.slice(0, 19)}: ${s.changed} changed, ${s.unchanged} unchanged, ${s.unaffected} unaffected${s.errors ? `, ${s.errors} not replayable` : ''}`,
  );
  return lines;
}
