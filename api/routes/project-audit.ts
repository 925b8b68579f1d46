import { z } from 'zod';
import { audited } from '../audit-request.js';
import { requireProject } from '../../db/repositories/projects.js';
import type { ApiDeps } from '../deps.js';
import { defineRoute } from '../route.js';
import { errorSchema } from '../schemas.js';

const revision = z
  .string()
  .min(1)
  .max(256)
  .refine((value) => !value.startsWith('-') && !/[\s\0]/.test(value), 'is not a valid git revision');

export const startAuditSchema = z.strictObject({
  /** The code repository to audit; the project's first repository on this machine when absent. */
  repo: z.string().min(1).max(4096).optional(),
  /** The revision of the code audited (default: its head). */
  ref: revision.optional(),
  note: z.string().max(10_000).optional(),
});

/** A docs audit of the project now: a run of its own, like a manual one. */
export function projectAuditRoutes(deps: ApiDeps) {
  return [
    defineRoute<z.infer<typeof startAuditSchema>>({
      method: 'post',
      path: '/v1/projects/:id/audit',
      role: 'editor',
      action: 'run.audit',
      tag: 'runs',
      summary:
        "Audit the project's docs against its code at head now: one run whose suggestion fixes renamed elements and lists the rest",
      body: startAuditSchema,
      responses: {
        202: {
          description: 'Accepted; the run id is its workflow id',
          schema: z.object({ id: z.string(), status: z.literal('pending') }),
        },
        400: { description: 'Invalid request, or code that cannot be audited', schema: errorSchema },
        401: { description: 'Missing or invalid API key', schema: errorSchema },
        404: { description: 'Unknown project', schema: errorSchema },
      },
      async handle(ctx) {
        const { repo, ref, note } = ctx.body;
        const started = await audited(deps.db, ctx.req, ctx.actor.id, 'run.audit', ctx.params.id!, async () => {
          const project = await requireProject(deps.db, ctx.params.id!);
          return deps.runs.start({
            projectId: project.id,
            trigger: 'audit',
            source: deps.integrations.projectAudit().source(project, { repo, ref }),
            ...(note ? { note } : {}),
            requestedBy: ctx.actor.id,
          });
        });
        return { status: 202, body: started };
      },
    }),
  ];
}
