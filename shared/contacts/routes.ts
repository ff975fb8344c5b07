import * as z from 'zod';
import { defineRoute, routeSet } from '../core/routes/route';
import { idParams, pageQuery } from '../core/routes/route-schemas';
import {
  CHANNELS,
  contactPageSchema,
  contactSchema,
  createContactBodySchema,
  updateContactBodySchema,
} from './contact';

const contactIdParams = idParams('contact');

const listContactsQuery = pageQuery.extend({
  tag: z.string().min(1).max(60).optional(),
  ward: z.string().min(1).max(200).optional(),
  language: z.string().min(2).max(35).optional(),
  consent: z.enum(CHANNELS).optional().describe('Only contacts who granted consent on this channel'),
  email: z.string().min(1).max(320).optional().describe('Exact look-up by email (normalised first)'),
  phone: z.string().min(1).max(40).optional().describe('Exact look-up by phone (normalised to E.164 first)'),
});

/** The contacts API. */
export const contactRoutes = routeSet({
  createContact: defineRoute({
    method: 'POST',
    path: '/contacts',
    handler: 'contacts/create',
    access: { kind: 'staff', role: 'staff' },
    table: 'readWrite',
    items: { write: ['contact', 'contactClaim'] },
    summary: 'Create a contact',
    tag: 'contacts',
    request: { body: createContactBodySchema },
    responses: {
      201: { description: 'The contact, with normalised email and phone', schema: contactSchema },
      409: { description: 'Another contact has this email or phone (existingContactId names it)' },
    },
  }),
  listContacts: defineRoute({
    method: 'GET',
    path: '/contacts',
    handler: 'contacts/list',
    access: { kind: 'staff', role: 'viewer' },
    table: 'read',
    items: { read: ['contact', 'contactClaim'], indexes: ['contact'] },
    summary: 'List contacts (filters combine), or look one up by exact email or phone',
    tag: 'contacts',
    request: { query: listContactsQuery },
    responses: { 200: { description: 'One page of contacts, oldest first', schema: contactPageSchema } },
  }),
  getContact: defineRoute({
    method: 'GET',
    path: '/contacts/{id}',
    handler: 'contacts/get',
    access: { kind: 'staff', role: 'viewer' },
    table: 'read',
    items: { read: ['contact'] },
    summary: 'Read a contact',
    tag: 'contacts',
    request: { params: contactIdParams },
    responses: { 200: { description: 'The contact', schema: contactSchema }, 404: { description: 'No such contact' } },
  }),
  updateContact: defineRoute({
    method: 'PATCH',
    path: '/contacts/{id}',
    handler: 'contacts/update',
    access: { kind: 'staff', role: 'staff' },
    table: 'readWrite',
    items: { write: ['contact', 'contactClaim'] },
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
    method: 'DELETE',
    path: '/contacts/{id}',
    handler: 'contacts/delete',
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    items: { write: ['contact', 'contactClaim'] },
    summary: 'Delete a contact; its email and phone become free again',
    tag: 'contacts',
    request: { params: contactIdParams },
    responses: { 204: { description: 'Deleted' }, 404: { description: 'No such contact' } },
  }),
});
