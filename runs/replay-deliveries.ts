import type { Project, ProjectInput } from '../core/project.js';
import { findIntegration } from '../db/repositories/integrations.js';
import { keptDeliveriesSince, type KeptDeliveryRow } from '../db/repositories/kept-deliveries.js';
import { describeEffect, effectKey, effectOf, type DeliveryEffect } from './delivery-effects.js';
import { openEffects, openRequest } from './kept-delivery.js';
import type { RunsDeps } from './runs-deps.js';

export interface ReplayRequest {
  project: Project;
  /** The config to plan the kept deliveries against, validated like `PUT /v1/projects/:id`. */
  config: ProjectInput;
  windowMs: number;
}

type Described = DeliveryEffect & { description: string };
/** What a run a delivery led to has come to since. */
type ThenEffect = Described & { run?: { status: string; reason?: string } };

export interface ReplayedDelivery {
  provider: string;
  integrationId: string;
  deliveryId: string;
  event: string;
  receivedAt: string;
  /** What the delivery led to for this project; undefined when it was still being handled (or failed) then. */
  then?: ThenEffect[];
  /** What the new config plans for it; `error` when the receiver refused it now (a rotated webhook secret, say). */
  now: { effects: Described[] } | { error: string };
  /** Set for deliveries not planned again, with why (a reviewer's decision on a chat card). */
  notReplayed?: string;
  changed: boolean;
}

export interface ReplayAnswer {
  projectId: string;
  windowStart: string;
  deliveries: ReplayedDelivery[];
  summary: {
    /** Kept deliveries of the project's integrations in the window. */
    kept: number;
    /** Those that did nothing for the project then and would do nothing now (not listed). */
    unaffected: number;
    listed: number;
    changed: number;
    unchanged: number;
    errors: number;
    /** Effects by kind, then and now (`{"start": 3, "skip": 1}`). */
    then: Record<string, number>;
    now: Record<string, number>;
  };
}

/**
 * `docflow replay`: plans the project's kept webhook deliveries again with each receiver, against `config` instead of
 * the project's own, and sets what each led to then beside what it would do now. Starts, signals and stores nothing:
 * the receivers only plan (`WebhookRequest.replayOf`), and the commands are described, not executed.
 */
export async function replayDeliveries(
  deps: RunsDeps,
  request: ReplayRequest,
  now = Date.now(),
): Promise<ReplayAnswer> {
  const { project } = request;
  // The new config whole: a setting it leaves out (batch, limits) is not kept from the saved one.
  const replayProject: Project = {
    ...request.config,
    id: project.id,
    createdAt: project.createdAt,
    updatedAt: project.updatedAt,
  };
  const windowStart = new Date(now - request.windowMs);
  const integrations = new Map<string, string>();
  for (const id of integrationIdsOf(project, request.config)) {
    const row = await findIntegration(deps.db, id);
    if (row) integrations.set(id, row.provider);
  }
  const rows = await keptDeliveriesSince(deps.db, [...integrations.keys()], windowStart);
  const deliveries: ReplayedDelivery[] = [];
  for (const row of rows) {
    const replayed = await replayOne(deps, integrations.get(row.integrationId)!, row, replayProject);
    const nothingThen = !replayed.then?.length;
    const nothingNow = 'effects' in replayed.now && !replayed.now.effects.length;
    if (!(nothingThen && nothingNow)) deliveries.push(replayed);
  }
  await attachRunStatus(deps, deliveries);
  return {
    projectId: project.id,
    windowStart: windowStart.toISOString(),
    deliveries,
    summary: summarize(rows, deliveries),
  };
}

async function replayOne(
  deps: RunsDeps,
  provider: string,
  row: KeptDeliveryRow,
  project: Project,
): Promise<ReplayedDelivery> {
  const described = (effects: DeliveryEffect[]) => effects.map((e) => ({ ...e, description: describeEffect(e) }));
  let then: Described[] | undefined;
  try {
    then = row.sealedOutcome
      ? described(openEffects(deps.secrets, row.sealedOutcome).filter((e) => e.projectId === project.id))
      : undefined;
  } catch {
    // Sealed with a key no longer configured (`keys rotate` re-wraps credentials, not kept deliveries).
    then = undefined;
  }
  const base = {
    provider,
    integrationId: row.integrationId,
    deliveryId: row.deliveryId,
    event: row.event,
    receivedAt: row.receivedAt.toISOString(),
    then,
  };
  let nowEffects: Described[];
  try {
    const kept = openRequest(deps.secrets, row.sealedRequest);
    const received = await deps.integrations
      .webhook(provider)
      .receive({ integrationId: row.integrationId, ...kept, replayOf: { receivedAt: row.receivedAt } }, async () => [
        project,
      ]);
    nowEffects = described(
      received.commands
        .filter((c) => c.projectId === project.id)
        .map((c) => effectOf(deps.integrations, c, undefined, Boolean(project.batch))),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, now: { error: message }, changed: true };
  }
  if (then?.some((e) => e.kind === 'review'))
    return {
      ...base,
      now: { effects: nowEffects },
      notReplayed: "a reviewer's decision is not planned again",
      changed: false,
    };
  const keys = (effects: DeliveryEffect[]) => effects.map(effectKey).sort().join('\n');
  return { ...base, now: { effects: nowEffects }, changed: then === undefined || keys(then) !== keys(nowEffects) };
}

/** The integrations either config names (triggers, context, destinations, review channel, notifications). */
function integrationIdsOf(...configs: ProjectInput[]): Set<string> {
  const ids = new Set<string>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object')
      for (const [key, inner] of Object.entries(value))
        if (key === 'integrationId' && typeof inner === 'string') ids.add(inner);
        else visit(inner);
  };
  configs.forEach(visit);
  return ids;
}

async function attachRunStatus(deps: RunsDeps, deliveries: ReplayedDelivery[]): Promise<void> {
  const thenEffects = deliveries.flatMap((d) => d.then ?? []);
  const ids = [
    ...new Set(thenEffects.map((e) => ('runId' in e ? e.runId : undefined)).filter((id) => id !== undefined)),
  ];
  if (!ids.length) return;
  const runs = await deps.db.selectFrom('runs').select(['id', 'status', 'reason']).where('id', 'in', ids).execute();
  const byId = new Map(runs.map((r) => [r.id, r]));
  for (const effect of thenEffects) {
    const run = 'runId' in effect && effect.runId ? byId.get(effect.runId) : undefined;
    if (run) effect.run = { status: run.status, ...(run.reason ? { reason: run.reason } : {}) };
  }
}

function summarize(rows: KeptDeliveryRow[], deliveries: ReplayedDelivery[]): ReplayAnswer['summary'] {
  const count = (effects: DeliveryEffect[]) =>
    effects.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.kind]: (acc[e.kind] ?? 0) + 1 }), {});
  const changed = deliveries.filter((d) => d.changed).length;
  return {
    kept: rows.length,
    unaffected: rows.length - deliveries.length,
    listed: deliveries.length,
    changed,
    unchanged: deliveries.length - changed,
    errors: deliveries.filter((d) => 'error' in d.now).length,
    then: count(deliveries.flatMap((d) => d.then ?? [])),
    now: count(deliveries.flatMap((d) => ('effects' in d.now ? d.now.effects : []))),
  };
}
