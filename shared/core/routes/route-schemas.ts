import * as z from 'zod';

/** Path parameters of a route on one entity: its id. */
export const idParams = (entity: string) => z.strictObject({ id: z.uuid().describe(`The ${entity} id`) });

/** The query string of a paged listing. */
export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25).describe('Page size, 1 to 100'),
  cursor: z.string().min(1).max(2000).optional().describe('nextCursor from the previous page'),
});
