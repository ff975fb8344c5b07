import * as z from 'zod';
import { defineRoute, routeSet } from '../core/routes/route';
import { pageQuery } from '../core/routes/route-schemas';
import { contactSchema } from './contact';

const pairParams = z.strictObject({
  id: z
    .string()
    .regex(/^[0-9a-f-]{36}~[0-9a-f-]{36}$/, 'expected a pair id: two contact ids joined by ~')
    .describe('The pair: its two contact ids joined by ~'),
});
const duplicateSchema = z.object({
  id: z.string(),
  reason: z.enum(['shared_phone']).describe('Why: an import met a record with this mobile and another email'),
  sharedPhone: z.string(),
  foundBy: z.object({ importId: z.string(), record: z.number().int() }),
  foundAt: z.string(),
  contacts: z.array(contactSchema).length(2),
});

/** The possible-duplicates review: pairs imports found, which staff merge or tell apart. */
export const duplicateRoutes = routeSet({
  listDuplicates: defineRoute({
    method: 'GET',
    path: '/contact-duplicates',
    handler: 'contacts/list-duplicates',
    access: { kind: 'staff', role: 'viewer' },
    table: 'read',
    items: { read: ['contact'], indexes: ['possibleDuplicate'] },
    summary: 'Possible duplicates still open, oldest first, each with both contacts',
    tag: 'contacts',
    request: { query: pageQuery },
    responses: {
      200: {
        description: 'One page of open pairs',
        schema: z.object({ items: z.array(duplicateSchema), nextCursor: z.string().optional() }),
      },
    },
  }),
  mergeDuplicates: defineRoute({
    method: 'POST',
    path: '/contact-duplicates/{id}/merge',
    handler: 'contacts/merge-duplicates',
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    items: { write: ['contact', 'contactClaim', 'possibleDuplicate'] },
    summary:
      'Merge a pair into one contact (keep names which): every email, phone, tag and consent of both; who merged is recorded',
    tag: 'contacts',
    request: {
      params: pairParams,
      body: z.strictObject({
        keep: z.uuid().describe('The contact that stays; the other is merged into it and deleted'),
      }),
    },
    responses: {
      200: { description: 'The merged contact', schema: contactSchema },
      404: { description: 'No such pair' },
      409: { description: 'The pair was decided already, or a contact changed or went meanwhile' },
    },
  }),
  markDuplicatesDistinct: defineRoute({
    method: 'POST',
    path: '/contact-duplicates/{id}/distinct',
    handler: 'contacts/mark-distinct',
    access: { kind: 'staff', role: 'staff' },
    table: 'readWrite',
    items: { write: ['possibleDuplicate'] },
    summary: 'Say a pair are two people: it leaves the review, and imports do not raise it again',
    tag: 'contacts',
    request: { params: pairParams },
    responses: {
      204: { description: 'Marked distinct' },
      404: { description: 'No such pair' },
      409: { description: 'The pair was decided already' },
    },
  }),
});
