import { z } from 'zod';
import { audited } from '../audit-request.js';
import { findRun, listRuns } from '../../db/repositories/runs.js';
import { AppError } from '../../core/errors.js';
import type { ReviewDecision } from '../../workflows/messages.js';
import type { ApiDeps } from '../deps.js';
import { defineRoute, type RouteContext } from '../route.js';
import { runView, type RunLinks } from '../run-view.js';
import { batchMembers, type BatchSource } from '../../integrations/batch-source.js';
import {
  approveSchema,
  errorSchema,
  sourceUpdateSchema,
  listRunsQuery,
  rejectSchema,
  requestChangesSchema,
  reviewResultSchema,
  runSchema,
  runSummarySchema,
  startRunSchema,
} from '../schemas.js';

const errors = {
  400: { description: 'Invalid request, or a source that cannot be read', schema: errorSchema },
  401: { description: 'Missing or invalid API key', schema: errorSchema },
  404: { description: 'Unknown run or project', schema: errorSchema },
};
const reviewErrors = {
  ...errors,
  409: { description: 'The run is not awaiting review', schema: errorSchema },
  503: { description: 'No worker accepted the decision', schema: errorSchema },
};

export function runRoutes(deps: ApiDeps) {
  const links: RunLinks = {
    ...(deps.temporalUiUrl ? { temporalUi: { url: deps.temporalUiUrl, namespace: deps.runs.namespace } } : {}),
    citationUrl: (source, citation) => {
      try {
        return deps.integrations.source(source.type).citationUrl?.(source, citation);
      } catch {
        return undefined; // a source whose provider is no longer registered: the excerpt stands alone
      }
    },
    members: (source) => {
      if (source.type !== 'batch') return undefined;
      try {
        return batchMembers(source as BatchSource, (type) => deps.integrations.source(type));
      } catch {
        return undefined;
      }
    },
  };
  const audit = <T>(ctx: RouteContext<unknown, unknown>, action: string, target: string, work: () => Promise<T>) =>
    audited(deps.db, ctx.req, ctx.actor.id, action, target, work);
  const review =
    (action: string, decide: (ctx: RouteContext<any, unknown>) => ReviewDecision) =>
    async (ctx: RouteContext<any, unknown>) => ({
      status: 200,
      body: await audit(ctx, `run.${action}`, ctx.params.id!, () =>
        deps.runs.review(ctx.actor, ctx.params.id!, decide(ctx)),
      ),
    });

  return [
    defineRoute<z.infer<typeof startRunSchema>>({
      method: 'post',
      path: '/v1/projects/:id/runs',
      role: 'editor',
      action: 'run.start',
      tag: 'runs',
      summary: 'Start a manual run',
      body: startRunSchema,
      responses: {
        202: {
          description: 'Accepted; the run id is its workflow id',
          schema: z.object({ id: z.string(), status: z.literal('pending') }),
        },
        ...errors,
      },
      async handle(ctx) {
        const started = await audit(ctx, 'run.start', ctx.params.id!, () =>
          deps.runs.start({
            projectId: ctx.params.id!,
            trigger: 'manual',
            source: ctx.body.source,
            note: ctx.body.note,
            requestedBy: ctx.actor.id,
          }),
        );
        return { status: 202, body: started };
      },
    }),
    defineRoute<undefined, z.infer<typeof listRunsQuery>>({
      method: 'get',
      path: '/v1/runs',
      role: 'reviewer',
      tag: 'runs',
      summary: 'List runs, newest first',
      query: listRunsQuery,
      responses: { 200: { description: 'Runs', schema: z.object({ runs: z.array(runSummarySchema) }) }, ...errors },
      async handle({ query }) {
        const rows = await listRuns(deps.db, query);
        return {
          status: 200,
          body: { runs: await Promise.all(rows.map((row) => runView(deps.db, row, false, links))) },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/runs/:id',
      role: 'reviewer',
      tag: 'runs',
      summary: 'Get a run with its suggestion and timeline',
      responses: { 200: { description: 'The run', schema: runSchema }, ...errors },
      async handle({ params }) {
        const row = await findRun(deps.db, params.id!);
        if (!row) throw new AppError('not_found', `run ${params.id} does not exist`);
        return { status: 200, body: await runView(deps.db, row, true, links) };
      },
    }),
    defineRoute<z.infer<typeof sourceUpdateSchema>>({
      method: 'post',
      path: '/v1/runs/:id/source',
      role: 'editor',
      action: 'run.source_updated',
      tag: 'runs',
      summary: 'New commits on the same change: re-gather and re-draft in the same run',
      body: sourceUpdateSchema,
      responses: {
        202: { description: 'Signalled; the run re-drafts', schema: reviewResultSchema },
        409: { description: 'The run has finished', schema: errorSchema },
        ...errors,
      },
      async handle(ctx) {
        const result = await audit(ctx, 'run.source_updated', ctx.params.id!, () =>
          deps.runs.updateSource(ctx.params.id!, ctx.body.source),
        );
        return { status: 202, body: result };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/runs/:id/approve',
      role: 'reviewer',
      action: 'run.approve',
      tag: 'review',
      summary: 'Approve the suggestion; the run publishes it',
      body: approveSchema,
      responses: {
        200: { description: 'Accepted; the run is publishing', schema: reviewResultSchema },
        ...reviewErrors,
      },
      handle: review('approve', (ctx) => ({ action: 'approve', reviewer: ctx.actor.name })),
    }),
    defineRoute<z.infer<typeof rejectSchema>>({
      method: 'post',
      path: '/v1/runs/:id/reject',
      role: 'reviewer',
      action: 'run.reject',
      tag: 'review',
      summary: 'Reject the suggestion; the run ends',
      body: rejectSchema,
      responses: { 200: { description: 'The run is rejected', schema: reviewResultSchema }, ...reviewErrors },
      handle: review('reject', (ctx) => ({ action: 'reject', reason: ctx.body.reason, reviewer: ctx.actor.name })),
    }),
    defineRoute<z.infer<typeof requestChangesSchema>>({
      method: 'post',
      path: '/v1/runs/:id/request-changes',
      role: 'reviewer',
      action: 'run.request_changes',
      tag: 'review',
      summary: 'Ask for a new draft with feedback',
      body: requestChangesSchema,
      responses: { 200: { description: 'The run is drafting again', schema: reviewResultSchema }, ...reviewErrors },
      handle: review('request_changes', (ctx) => ({
        action: 'request_changes',
        feedback: ctx.body.feedback,
        reviewer: ctx.actor.name,
      })),
    }),
  ];
}
