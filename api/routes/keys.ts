import { z } from 'zod';
import { createApiKey, listApiKeys } from '../../db/repositories/api-keys.js';
import { revokeKeyKeepingAnAdmin } from '../../db/repositories/revoke-key.js';
import { auditRequest } from '../audit-request.js';
import { AppError } from '../../core/errors.js';
import { roles } from '../../core/roles.js';
import type { ApiDeps } from '../deps.js';
import { defineRoute } from '../route.js';
import { errorSchema } from '../schemas.js';

const createKeySchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('Who holds the key (a person or a service); projects name reviewers by it'),
  role: z.enum(roles),
  teams: z.array(z.string().min(1)).default([]),
  expiresAt: z.iso.datetime().optional(),
});
const keySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  teams: z.array(z.string()),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().optional(),
  revokedAt: z.string().optional(),
});
const errors = {
  400: { description: 'Invalid request', schema: errorSchema },
  401: { description: 'Missing or invalid API key', schema: errorSchema },
  403: { description: 'Needs the admin role', schema: errorSchema },
};

export function keyRoutes(deps: ApiDeps) {
  return [
    defineRoute<z.infer<typeof createKeySchema>>({
      method: 'post',
      path: '/v1/keys',
      tag: 'keys',
      role: 'admin',
      action: 'key.create',
      summary: 'Create an API key; the key is in this answer only',
      body: createKeySchema,
      responses: { 201: { description: 'Created', schema: keySchema.extend({ key: z.string() }) }, ...errors },
      async handle(ctx) {
        const expiresAt = ctx.body.expiresAt ? new Date(ctx.body.expiresAt) : undefined;
        if (expiresAt && expiresAt.getTime() <= Date.now())
          throw new AppError('invalid_request', 'expiresAt must be in the future', [
            { path: 'expiresAt', message: 'in the past' },
          ]);
        const { id, key } = await createApiKey(deps.db, { ...ctx.body, expiresAt, createdBy: ctx.actor.id });
        await auditRequest(deps.db, ctx.req, ctx.actor.id, 'key.create', id);
        const view = (await listApiKeys(deps.db)).find((k) => k.id === id)!;
        return { status: 201, body: { ...view, key } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/keys',
      tag: 'keys',
      role: 'admin',
      summary: 'List API keys (prefixes only)',
      responses: { 200: { description: 'Keys', schema: z.object({ keys: z.array(keySchema) }) }, ...errors },
      async handle() {
        return { status: 200, body: { keys: await listApiKeys(deps.db) } };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/v1/keys/:id',
      tag: 'keys',
      role: 'admin',
      action: 'key.revoke',
      summary: 'Revoke an API key at once',
      responses: {
        204: { description: 'Revoked' },
        404: { description: 'Unknown or already revoked key', schema: errorSchema },
        409: { description: 'The last admin key cannot be revoked', schema: errorSchema },
        ...errors,
      },
      async handle(ctx) {
        const outcome = await revokeKeyKeepingAnAdmin(deps.db, ctx.params.id!);
        if (outcome === 'missing')
          throw new AppError('not_found', `key ${ctx.params.id} does not exist or is already revoked`);
        if (outcome === 'last_admin')
          throw new AppError(
            'conflict',
            `key ${ctx.params.id} is the last admin key; create another admin key before revoking it`,
          );
        await auditRequest(deps.db, ctx.req, ctx.actor.id, 'key.revoke', ctx.params.id!);
        return { status: 204 };
      },
    }),
  ];
}
