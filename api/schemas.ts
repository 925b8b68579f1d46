import { z } from 'zod';
import { runStatuses } from '../core/run-status.js';

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string().optional(), message: z.string() })),
  }),
});

export const idParam = z.string().min(1);

export const startRunSchema = z.strictObject({
  source: z.object({ type: z.string().min(1) }).passthrough(),
  note: z.string().max(10_000).optional(),
});

export const sourceUpdateSchema = z.strictObject({ source: startRunSchema.shape.source });

export const rejectSchema = z.strictObject({ reason: z.string().trim().min(1).max(5_000) });
export const requestChangesSchema = z.strictObject({ feedback: z.string().trim().min(1).max(10_000) });
export const approveSchema = z.strictObject({});

export const listRunsQuery = z.strictObject({
  projectId: z.string().min(1).optional(),
  status: z.enum(runStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const citationSchema = z.object({
  path: z.string(),
  side: z.enum(['old', 'new']),
  startLine: z.number(),
  endLine: z.number(),
  excerpt: z.string(),
  kind: z
    .enum(['diff', 'reference'])
    .optional()
    .describe('`reference`: lines of a document the change refers to (an issue), named by `path`; absent: diff lines'),
  url: z.string().optional().describe('Where people read the cited text'),
});

export const editSchema = z.object({
  path: z.string(),
  before: z.string(),
  after: z.string(),
  rationale: z.string(),
  citations: z.array(citationSchema),
  destination: z
    .number()
    .optional()
    .describe("The position of the project's destination the edit is for, when it has several; absent: the first"),
});

const usageSchema = z.object({ inputTokens: z.number(), outputTokens: z.number(), calls: z.number() });

export const runSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  status: z.enum(runStatuses),
  reason: z.string().optional(),
  message: z.string().optional(),
  trigger: z.string(),
  source: z.record(z.string(), z.unknown()),
  sources: z
    .array(z.object({ label: z.string(), url: z.string().optional() }))
    .optional()
    .describe("A batch run's changes (its source's members), each as its provider names it"),
  note: z.string().optional(),
  requestedBy: z.string().optional().describe('The API key id that started the run (absent for webhook runs)'),
  suggestion: z
    .object({
      id: z.string(),
      revision: z.number(),
      drafter: z.string(),
      summary: z.string(),
      edits: z.array(editSchema),
      impacted: z.array(z.object({ path: z.string(), score: z.number(), reasons: z.array(z.string()) })),
      feedback: z.array(z.string()),
      confidence: z.number().optional().describe('0..1, from the drafter'),
      usage: usageSchema.optional(),
      destinations: z
        .array(
          z.object({
            position: z.number().describe("The destination's position in the project"),
            type: z.string(),
            edits: z.array(z.number()).describe('Indexes into `edits` of the edits for this destination'),
          }),
        )
        .optional()
        .describe(
          'The edits grouped by destination, when the project has several; each was drafted from its own pages',
        ),
    })
    .optional(),
  usage: usageSchema.optional().describe("Model tokens used by all of the run's drafts"),
  suggestedReviewers: z
    .array(
      z.object({
        name: z.string().describe('A user (`octocat`) or a team (`acme/docs`) as the provider names them'),
        kind: z.enum(['user', 'team']),
        reasons: z.array(z.enum(['project', 'author', 'codeowners'])),
      }),
    )
    .optional()
    .describe(
      "Who should review, once drafted: the project's reviewers, the source change's author and the docs repository's CODEOWNERS for the edited pages; docs pull requests request them",
    ),
  result: z
    .object({
      location: z
        .string()
        .describe('Where the update went: a pull request, a branch, an article in the help center admin'),
      url: z
        .string()
        .optional()
        .describe("Where readers see it, when the destination published it live (a help-center article's public page)"),
      destinations: z
        .array(z.object({ type: z.string(), location: z.string(), url: z.string().optional() }))
        .optional()
        .describe('Where each destination published, when the project has several; `location` is the first of them'),
    })
    .optional(),
  links: z.object({ temporalUi: z.string().describe('The run in the Temporal Web UI') }).optional(),
  timeline: z.array(z.object({ status: z.enum(runStatuses), at: z.string(), detail: z.string().optional() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const runSummarySchema = runSchema.omit({ suggestion: true, timeline: true, suggestedReviewers: true });

export const reviewResultSchema = z.object({ id: z.string(), status: z.enum(runStatuses) });
