import { z } from 'zod';
import type { Route } from './route.js';

const toSchema = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { io, unrepresentable: 'any' });

/** The OpenAPI 3.1 document, generated from the same route declarations that validate requests. */
export function openApiDocument(routes: Route<any, any>[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const pathParams = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParams = route.query
      ? Object.entries((toSchema(route.query, 'input').properties ?? {}) as Record<string, unknown>).map(
          ([name, schema]) => ({ name, in: 'query', required: false, schema }),
        )
      : [];
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      description: `Needs an API key with the **${route.role}** role (admin ⊇ editor ⊇ reviewer).`,
      'x-required-role': route.role,
      tags: [route.tag],
      security: [{ apiKey: [] }],
      parameters: [...pathParams, ...queryParams],
      ...(route.body
        ? {
            requestBody: { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input') } } },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, r]) => [
          status,
          {
            description: r.description,
            ...(r.schema
              ? { content: { [r.contentType ?? 'application/json']: { schema: toSchema(r.schema, 'output') } } }
              : {}),
          },
        ]),
      ),
    };
  }
  const health = (summary: string) => ({
    get: {
      summary,
      tags: ['health'],
      security: [],
      responses: { 200: { description: 'OK' }, 503: { description: 'Not ready' } },
    },
  });
  paths['/webhooks/{provider}/{integrationId}'] = {
    post: {
      summary: "A provider's webhook delivery (authenticated by the provider's signature, e.g. X-Hub-Signature-256)",
      tags: ['webhooks'],
      security: [],
      parameters: ['provider', 'integrationId'].map((name) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
      responses: {
        200: { description: 'Verified; nothing to do (ping, an event no project acts on, or a redelivery)' },
        202: { description: 'Verified; runs were started, signalled or recorded as skipped' },
        401: { description: 'Signature missing or wrong; nothing was recorded' },
        404: { description: 'No such integration' },
      },
    },
  };
  const payloads = {
    type: 'object',
    properties: {
      payloads: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            metadata: { type: 'object', additionalProperties: { type: 'string', contentEncoding: 'base64' } },
            data: { type: 'string', contentEncoding: 'base64' },
          },
        },
      },
    },
  };
  for (const direction of ['encode', 'decode']) {
    paths[`/codec/${direction}`] = {
      post: {
        summary: `Temporal codec server: ${direction} payloads (for the Web UI and the CLI's --codec-endpoint)`,
        description: 'Needs an API key with the **reviewer** role.',
        tags: ['codec'],
        security: [{ apiKey: [] }],
        requestBody: { required: true, content: { 'application/json': { schema: payloads } } },
        responses: {
          200: { description: 'The converted payloads', content: { 'application/json': { schema: payloads } } },
          401: { description: 'Missing or invalid API key' },
        },
      },
    };
  }
  paths['/healthz'] = health('Liveness: the process answers');
  paths['/readyz'] = health('Readiness: the database and Temporal answer');
  return {
    openapi: '3.1.0',
    info: { title: 'docflow API', version, description: 'Turns code changes into reviewed documentation updates.' },
    components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'A docflow API key' } } },
    paths,
  };
}
