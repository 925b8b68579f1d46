import { z } from 'zod';
import { audited } from '../audit-request.js';
import type { ApiDeps } from '../deps.js';
import { defineRoute } from '../route.js';
import { errorSchema, reviewResultSchema } from '../schemas.js';

export const approveEditedSchema = z.strictObject({
  /** The suggestion the reviewer edited; refused with 409 when the run has a newer draft. */
  suggestionId: z.string().min(1).optional(),
  edits: z.array(z.strictObject({ index: z.number().int().min(0), after: z.string().max(200_000) })).min(1),
});

/** Approve with the reviewer's own text for some edits: a new suggestion revision by that reviewer is published. */
export function reviewEditRoutes(deps: ApiDeps) {
  return [
    defineRoute<z.infer<typeof approveEditedSchema>>({
      method: 'post',
      path: '/v1/runs/:id/approve-edited',
      role: 'reviewer',
      tag: 'review',
      summary:
        'Approve with edited text: the edits are validated like a draft, stored as a new suggestion revision by the reviewer, and published',
      body: approveEditedSchema,
      responses: {
        200: {
          description: 'Accepted; the run is publishing the edited revision',
          schema: reviewResultSchema.extend({ suggestionId: z.string() }),
        },
        400: { description: 'Invalid request or edit', schema: errorSchema },
        401: { description: 'Missing or invalid API key', schema: errorSchema },
        403: { description: 'Not a reviewer of the project', schema: errorSchema },
        404: { description: 'Unknown run', schema: errorSchema },
        409: {
          description: 'Not awaiting review, a newer draft exists, or the edit no longer applies to the page',
          schema: errorSchema,
        },
        503: { description: 'No worker accepted the decision', schema: errorSchema },
      },
      async handle(ctx) {
        const body = await audited(deps.db, ctx.req, ctx.actor.id, 'run.approve_edited', ctx.params.id!, () =>
          deps.runs.approveEdited(ctx.actor, ctx.params.id!, ctx.body.suggestionId, ctx.body.edits),
        );
        return { status: 200, body };
      },
    }),
  ];
}
