import * as z from 'zod';
import { CHANNELS, contactSchema, createContactBodySchema, updateContactBodySchema } from '../domain/contact';
import { DEFAULT_ROUTE_PATH, defineRoute } from './route';

const contactIdParams = z.strictObject({ id: z.uuid().describe('The contact id') });

const listContactsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25).describe('Page size, 1 to 100'),
  cursor: z.string().min(1).max(2000).optional().describe('nextCursor from the previous page'),
  tag: z.string().min(1).max(60).optional(),
  ward: z.string().min(1).max(200).optional(),
  language: z.string().min(2).max(35).optional(),
  consent: z.enum(CHANNELS).optional().describe('Only contacts who granted consent on this channel'),
  email: z.string().min(1).max(320).optional().describe('Exact look-up by email (normalised first)'),
  phone: z.string().min(1).max(40).optional().describe('Exact look-up by phone (normalised to E.164 first)'),
});

const contactPage = z.object({ items: z.array(contactSchema), nextCursor: z.string().optional() });

export const routes = {
  health: defineRoute({
    name: 'health',
    method: 'GET',
    path: '/health',
    handler: 'system/health',
    access: { kind: 'public' },
    table: 'none',
    summary: 'Liveness check',
    tag: 'system',
    request: {},
    responses: { 200: { description: 'The API is up', schema: z.object({ status: z.literal('ok') }) } },
  }),
  openApi: defineRoute({
    name: 'openApi',
    method: 'GET',
    path: '/openapi.json',
    handler: 'system/openapi',
    access: { kind: 'public' },
    table: 'none',
    summary: 'This API as an OpenAPI 3.1 document',
    tag: 'system',
    request: {},
    responses: { 200: { description: 'The OpenAPI document' } },
  }),
  createContact: defineRoute({
    name: 'createContact',
    method: 'POST',
    path: '/contacts',
    handler: 'contacts/create',
    access: { kind: 'staff', role: 'staff' },
    table: 'readWrite',
    summary: 'Create a contact',
    tag: 'contacts',
    request: { body: createContactBodySchema },
    responses: {
      201: { description: 'The contact, with normalised email and phone', schema: contactSchema },
      409: { description: 'Another contact has this email or phone (existingContactId names it)' },
    },
  }),
  listContacts: defineRoute({
    name: 'listContacts',
    method: 'GET',
    path: '/contacts',
    handler: 'contacts/list',
    access: { kind: 'staff', role: 'viewer' },
    table: 'read',
    summary: 'List contacts (filters combine), or look one up by exact email or phone',
    tag: 'contacts',
    request: { query: listContactsQuery },
    responses: { 200: { description: 'One page of contacts, oldest first', schema: contactPage } },
  }),
  getContact: defineRoute({
    name: 'getContact',
    method: 'GET',
    path: '/contacts/{id}',
    handler: 'contacts/get',
    access: { kind: 'staff', role: 'viewer' },
    table: 'read',
    summary: 'Read a contact',
    tag: 'contacts',
    request: { params: contactIdParams },
    responses: { 200: { description: 'The contact', schema: contactSchema }, 404: { description: 'No such contact' } },
  }),
  updateContact: defineRoute({
    name: 'updateContact',
    method: 'PATCH',
    path: '/contacts/{id}',
    handler: 'contacts/update',
    access: { kind: 'staff', role: 'staff' },
    table: 'readWrite',
    summary: 'Change some fields of a contact (null clears a field)',
    tag: 'contacts',
    request: { params: contactIdParams, body: updateContactBodySchema },
    responses: {
      200: { description: 'The changed contact', schema: contactSchema },
      404: { description: 'No such contact' },
      409: { description: 'Another contact has this email or phone (existingContactId names it)' },
    },
  }),
  deleteContact: defineRoute({
    name: 'deleteContact',
    method: 'DELETE',
    path: '/contacts/{id}',
    handler: 'contacts/delete',
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    summary: 'Delete a contact; its email and phone become free again',
    tag: 'contacts',
    request: { params: contactIdParams },
    responses: { 204: { description: 'Deleted' }, 404: { description: 'No such contact' } },
  }),
  notFound: defineRoute({
    name: 'notFound',
    method: 'ANY',
    path: DEFAULT_ROUTE_PATH,
    handler: 'system/not-found',
    access: { kind: 'public' },
    table: 'none',
    summary: 'Answers every request that no route matches: 405 with Allow for a known path, else 404',
    tag: 'system',
    request: { query: z.record(z.string(), z.string()) },
    responses: {},
  }),
};

export const allRoutes = Object.values(routes);
