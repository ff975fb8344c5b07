import * as z from 'zod';
import { CHANNELS, contactSchema } from '../contacts/contact';

/** A saved audience over contacts: surveys and campaigns target segments. All given conditions must hold. */
export const segmentFilterSchema = z
  .strictObject({
    tagsAny: z.array(z.string().min(1).max(60)).min(1).max(20).optional().describe('At least one of these tags'),
    tagsAll: z.array(z.string().min(1).max(60)).min(1).max(20).optional().describe('Every one of these tags'),
    ward: z.string().min(1).max(200).optional(),
    language: z.string().min(2).max(35).optional(),
    consent: z.enum(CHANNELS).optional().describe('Granted consent on this channel'),
    importId: z.uuid().optional().describe('Created by this import'),
  })
  .describe('Leave every condition out for all contacts');
export type SegmentFilter = z.infer<typeof segmentFilterSchema>;

export const segmentBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  description: z.string().max(1000).optional(),
  filter: segmentFilterSchema,
});

export const segmentSchema = segmentBodySchema.extend({
  id: z.string(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
});
export type Segment = z.infer<typeof segmentSchema>;

export const segmentWithCountSchema = segmentSchema.extend({
  count: z
    .number()
    .int()
    .nullable()
    .describe('Contacts in the segment when it was last counted; null until the first count finishes'),
  countedAt: z.iso.datetime().nullable().describe('When that count was taken'),
  counting: z.boolean().describe('A count runs in the background (asked for again after five minutes)'),
});
export type SegmentWithCount = z.infer<typeof segmentWithCountSchema>;

export const segmentMembersSchema = z.object({ items: z.array(contactSchema), nextCursor: z.string().optional() });
