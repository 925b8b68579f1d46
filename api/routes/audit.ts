import { z } from 'zod';
import { listAudit } from '../../db/repositories/audit.js';
import type { ApiDeps } from '../deps.js';
import { defineRoute } from '../route.js';
import { errorSchema } from '../schemas.js';

const auditQuery = z.strictObject({
  since: z.iso.datetime().optional(),
  actor: z.string().min(1).optional(),
  action: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  format: z.enum(['json', 'ndjson']).default('json'),
});
const entrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.string(),
  requestId: z.string().nullable(),
  sourceIp: z.string().nullable(),
});

export function auditRoutes(deps: ApiDeps) {
  return [
    defineRoute<undefined, z.infer<typeof auditQuery>>({
      method: 'get',
      path: '/v1/audit',
      tag: 'audit',
      role: 'admin',
      summary:
        'The audit log, oldest first; format=ndjson (or Accept: application/x-ndjson) exports all of it as a stream',
      query: auditQuery,
      responses: {
        200: { description: 'Audit entries', schema: z.object({ entries: z.array(entrySchema) }) },
        400: { description: 'Invalid query', schema: errorSchema },
        403: { description: 'Needs the admin role', schema: errorSchema },
      },
      async handle({ query, req, res }) {
        const filter = {
          since: query.since ? new Date(query.since) : undefined,
          actor: query.actor,
          action: query.action,
        };
        if (query.format !== 'ndjson' && !req.accepts('application/json') && req.accepts('application/x-ndjson'))
          query.format = 'ndjson';
        if (query.format === 'json')
          return { status: 200, body: { entries: await listAudit(deps.db, { ...filter, limit: query.limit }) } };
        // Export: every matching entry, page by page, one JSON object a line.
        res.status(200).type('application/x-ndjson');
        let afterId: number | undefined;
        for (;;) {
          const page = await listAudit(deps.db, { ...filter, limit: 500, afterId });
          for (const entry of page) res.write(`${JSON.stringify(entry)}\n`);
          if (page.length < 500) break;
          afterId = page.at(-1)!.id;
        }
        res.end();
        return { streamed: true };
      },
    }),
  ];
}
