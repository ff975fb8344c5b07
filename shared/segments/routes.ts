import * as z from 'zod';
import { defineRoute, routeSet } from '../core/routes/route';
import { idParams, pageQuery } from '../core/routes/route-schemas';
import { segmentBodySchema, segmentMembersSchema, segmentSchema, segmentWithCountSchema } from './segment';

/** Segments: saved filters over the contacts. */
export const segmentRoutes = routeSet({
  createSegment: defineRoute({
    method: 'POST',
    path: '/segments',
    handler: 'segments/create',
    access: { kind: 'staff', role: 'staff' },
    table: 'readWrite',
    summary: 'Save a segment: an audience of contacts by tags (any or all), ward, language, consent or import',
    tag: 'segments',
    request: { body: segmentBodySchema },
    responses: { 201: { description: 'The segment', schema: segmentSchema } },
  }),
  listSegments: defineRoute({
    method: 'GET',
    path: '/segments',
    handler: 'segments/list',
    access: { kind: 'staff', role: 'viewer' },
    table: 'read',
    summary: 'Segments by name, a page at a time',
    tag: 'segments',
    request: { query: pageQuery },
    responses: {
      200: {
        description: 'One page of segments',
        schema: z.object({ items: z.array(segmentSchema), nextCursor: z.string().optional() }),
      },
    },
  }),
  getSegment: defineRoute({
    method: 'GET',
    path: '/segments/{id}',
    handler: 'segments/get',
    access: { kind: 'staff', role: 'viewer' },
    table: 'read',
    summary: 'A segment with how many contacts are in it now',
    tag: 'segments',
    request: { params: idParams('segment') },
    responses: {
      200: { description: 'The segment and its live count', schema: segmentWithCountSchema },
      404: { description: 'No such segment' },
    },
  }),
  listSegmentMembers: defineRoute({
    method: 'GET',
    path: '/segments/{id}/members',
    handler: 'segments/members',
    access: { kind: 'staff', role: 'viewer' },
    table: 'read',
    summary: 'The contacts in a segment now, a page at a time',
    tag: 'segments',
    request: {
      params: idParams('segment'),
      query: pageQuery,
    },
    responses: {
      200: { description: 'One page of members', schema: segmentMembersSchema },
      404: { description: 'No such segment' },
    },
  }),
  deleteSegment: defineRoute({
    method: 'DELETE',
    path: '/segments/{id}',
    handler: 'segments/delete',
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    summary: 'Delete a segment (its contacts stay)',
    tag: 'segments',
    request: { params: idParams('segment') },
    responses: { 204: { description: 'Deleted' }, 404: { description: 'No such segment' } },
  }),
});
