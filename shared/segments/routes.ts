import * as z from 'zod';
import { SEGMENT_COUNTS_PREFIX } from '../core/files/buckets';
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
    items: { write: ['segment'] },
    // Starts the segment's first count in the background.
    objects: { write: [SEGMENT_COUNTS_PREFIX] },
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
    items: { indexes: ['segment'] },
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
    // Starts a background count when the last one is old.
    table: 'readWrite',
    items: { write: ['segment'] },
    objects: { write: [SEGMENT_COUNTS_PREFIX] },
    summary: 'A segment with its last count and when it was taken',
    tag: 'segments',
    request: {
      params: idParams('segment'),
      query: z.strictObject({
        recount: z
          .enum(['true', 'false'])
          .optional()
          .describe('true: start a new count now, even if the last one is recent (unless one runs)'),
      }),
    },
    responses: {
      200: { description: 'The segment, its last count and whether a new one runs', schema: segmentWithCountSchema },
      404: { description: 'No such segment' },
    },
  }),
  listSegmentMembers: defineRoute({
    method: 'GET',
    path: '/segments/{id}/members',
    handler: 'segments/members',
    access: { kind: 'staff', role: 'viewer' },
    table: 'read',
    items: { read: ['segment'], indexes: ['contact'] },
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
    items: { write: ['segment'] },
    summary: 'Delete a segment (its contacts stay)',
    tag: 'segments',
    request: { params: idParams('segment') },
    responses: { 204: { description: 'Deleted' }, 404: { description: 'No such segment' } },
  }),
});
