import * as z from 'zod';
import { defineRoute, routeSet } from '../core/routes/route';

const tokenParams = z.strictObject({ token: z.string().min(1).max(200).describe('The link’s signed token') });
const unsubscribeViewSchema = z.object({
  unsubscribed: z.boolean(),
  test: z.boolean().optional().describe('The link of a test message: it unsubscribes nobody'),
});
/** Mail providers post one-click unsubscribes for many recipients at once; they are not one client. */
const UNSUBSCRIBE_THROTTLE = { rateLimit: 100, burstLimit: 200 };

/** The links in every campaign message (List-Unsubscribe and the footer): public, no login, no JavaScript. */
export const unsubscribeRoutes = routeSet({
  getUnsubscribe: defineRoute({
    method: 'GET',
    path: '/u/{token}',
    handler: 'campaigns/unsubscribe-page',
    access: { kind: 'public' },
    table: 'read',
    items: { read: ['contact'] },
    summary: 'The page an unsubscribe link opens, in the contact’s language: one button to confirm (or JSON)',
    tag: 'citizen',
    request: { params: tokenParams },
    throttle: UNSUBSCRIBE_THROTTLE,
    pages: true,
    responses: {
      200: { description: 'Whether the contact is unsubscribed already', schema: unsubscribeViewSchema },
      404: { description: 'Not a valid unsubscribe link' },
    },
  }),
  unsubscribe: defineRoute({
    method: 'POST',
    path: '/u/{token}',
    handler: 'campaigns/unsubscribe',
    access: { kind: 'public' },
    table: 'readWrite',
    items: { read: ['campaign'], write: ['contact', 'contactClaim'] },
    summary: 'Unsubscribe in one request (RFC 8058 one-click: form body List-Unsubscribe=One-Click), effective at once',
    tag: 'citizen',
    request: { params: tokenParams, body: z.strictObject({}).optional(), acceptsForm: true },
    throttle: UNSUBSCRIBE_THROTTLE,
    pages: true,
    responses: {
      200: { description: 'Unsubscribed (again, if it was already)', schema: unsubscribeViewSchema },
      404: { description: 'Not a valid unsubscribe link' },
    },
  }),
});
