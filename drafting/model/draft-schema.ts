import { z } from 'zod';

/**
 * What the model must answer, as the providers take it: OpenAI's strict mode accepts only a subset of
 * JSON Schema (every property required, nothing extra, few bounds), so this is written out rather than
 * generated. `modelDraftSchema` below checks the answer, with the bounds strict mode cannot express.
 */
export const draftJsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['summary', 'confidence', 'noChangesReason', 'edits'],
  properties: {
    summary: {
      type: 'string',
      description: 'Two or three sentences for the reviewer: what changes in the docs and why.',
    },
    confidence: {
      type: 'number',
      description: 'From 0 to 1: how sure you are that these edits are correct and complete.',
    },
    noChangesReason: { type: 'string', description: 'When no page needs to change, why; otherwise an empty string.' },
    edits: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'before', 'after', 'rationale', 'citations'],
        properties: {
          path: { type: 'string', description: 'A page path exactly as given in the context.' },
          before: {
            type: 'string',
            description:
              'Text copied exactly from the page, occurring exactly once in it (empty only to create a new page).',
          },
          after: { type: 'string', description: 'The replacement text.' },
          rationale: { type: 'string', description: 'One sentence: why the page must change.' },
          citations: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['path', 'side', 'startLine', 'endLine'],
              properties: {
                path: { type: 'string' },
                side: { type: 'string', enum: ['old', 'new'] },
                startLine: { type: 'integer' },
                endLine: { type: 'integer' },
              },
            },
          },
        },
      },
    },
  },
} as const;

export const modelDraftSchema = z.object({
  summary: z.string(),
  confidence: z.number().min(0).max(1),
  noChangesReason: z.string(),
  edits: z.array(
    z.object({
      path: z.string().min(1),
      before: z.string(),
      after: z.string(),
      rationale: z.string().min(1),
      citations: z
        .array(
          z.object({
            path: z.string(),
            side: z.enum(['old', 'new']),
            startLine: z.number().int(),
            endLine: z.number().int(),
          }),
        )
        .min(1),
    }),
  ),
});

export type ModelDraft = z.infer<typeof modelDraftSchema>;
