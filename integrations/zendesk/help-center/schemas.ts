import { z } from 'zod';

const zendeskId = z.number().int().positive();

export const helpCenterDestinationSchema = z.strictObject({
  type: z.literal('zendesk-help-center'),
  integrationId: z.string().min(1),
  locale: z
    .string()
    .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/, 'must be a Help Center locale like "en-us"')
    .default('en-us'),
  /** Only articles of these sections are read (all articles when absent). */
  sections: z.array(zendeskId).min(1).optional(),
  /** Where new articles are created (always as drafts), and who may see and edit them. */
  newArticles: z
    .strictObject({
      sectionId: zendeskId,
      permissionGroupId: zendeskId,
      /** null: everyone (Zendesk's "visible to everyone"). */
      userSegmentId: zendeskId.nullable(),
    })
    .optional(),
  /** `draft`: a change to a live article is saved as a new draft article linked to it; `live`: the article is updated in place. */
  publish: z.enum(['draft', 'live']).default('draft'),
});

export type HelpCenterDestination = z.infer<typeof helpCenterDestinationSchema>;
