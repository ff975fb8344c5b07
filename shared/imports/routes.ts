import * as z from 'zod';
import { IMPORT_JOBS_PREFIX, IMPORT_REPORTS_PREFIX, IMPORT_UPLOADS_PREFIX } from '../core/files/buckets';
import { defineRoute, routeSet } from '../core/routes/route';
import { idParams, pageQuery } from '../core/routes/route-schemas';
import {
  contactImportSchema,
  createdImportSchema,
  createImportBodySchema,
  importSettingsSchema,
} from './contact-import';
import { importTemplateBodySchema, importTemplateSchema } from './import-template';

/** Imports of contact files, and the templates that map them. */
export const importRoutes = routeSet({
  createImport: defineRoute({
    method: 'POST',
    path: '/imports',
    handler: 'imports/create',
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    items: { write: ['import'] },
    objects: { write: [IMPORT_UPLOADS_PREFIX] },
    summary: 'Start a contacts import: returns the import and a presigned POST to upload its CSV to',
    tag: 'imports',
    request: { body: createImportBodySchema },
    responses: {
      201: { description: 'The import, awaiting its file, and where to upload it', schema: createdImportSchema },
    },
  }),
  deleteImport: defineRoute({
    method: 'DELETE',
    path: '/imports/{id}',
    handler: 'imports/delete',
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    items: { write: ['import'] },
    summary: 'Delete an import that never received its file (an abandoned upload)',
    tag: 'imports',
    request: { params: idParams('import') },
    responses: {
      204: { description: 'Deleted' },
      404: { description: 'No such import' },
      409: { description: 'The import has its file: undo it instead' },
    },
  }),
  listImports: defineRoute({
    method: 'GET',
    path: '/imports',
    handler: 'imports/list',
    access: { kind: 'staff', role: 'viewer' },
    table: 'read',
    items: { indexes: ['import'] },
    summary: 'Imports, newest first (drop-folder imports too), without their analysis',
    tag: 'imports',
    request: {
      query: pageQuery,
    },
    responses: {
      200: {
        description: 'One page of imports',
        schema: z.object({ items: z.array(contactImportSchema), nextCursor: z.string().optional() }),
      },
    },
  }),
  getImport: defineRoute({
    method: 'GET',
    path: '/imports/{id}',
    handler: 'imports/get',
    access: { kind: 'staff', role: 'viewer' },
    table: 'read',
    items: { read: ['import'] },
    objects: { read: [IMPORT_REPORTS_PREFIX] },
    summary: 'An import: its status, and once analysed the preview, suggested mapping and problems found',
    tag: 'imports',
    request: { params: idParams('import') },
    responses: {
      200: { description: 'The import', schema: contactImportSchema },
      404: { description: 'No such import' },
    },
  }),
  setImportMapping: defineRoute({
    method: 'PUT',
    path: '/imports/{id}/mapping',
    handler: 'imports/set-mapping',
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    items: { write: ['import'] },
    summary:
      'Set how an analysed import will run: column mapping, default phone country, duplicate mode, tags, consent source',
    tag: 'imports',
    request: { params: idParams('import'), body: importSettingsSchema },
    responses: {
      200: { description: 'The import with its settings', schema: contactImportSchema },
      404: { description: 'No such import' },
      409: { description: 'The import is not awaiting its mapping' },
    },
  }),
  startImport: defineRoute({
    method: 'POST',
    path: '/imports/{id}/start',
    handler: 'imports/start',
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    items: { write: ['import'] },
    objects: { write: [IMPORT_JOBS_PREFIX] },
    summary: 'Start an import whose mapping is set; it runs in the background (GET the import to follow it)',
    tag: 'imports',
    request: { params: idParams('import') },
    responses: {
      202: { description: 'The import, now importing', schema: contactImportSchema },
      404: { description: 'No such import' },
      409: { description: 'The import has no mapping yet, or has started already' },
    },
  }),
  resumeImport: defineRoute({
    method: 'POST',
    path: '/imports/{id}/resume',
    handler: 'imports/resume',
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    items: { write: ['import'] },
    objects: { write: [IMPORT_JOBS_PREFIX] },
    summary:
      'Resume an import from its last checkpoint: one that has stood still for two minutes, or whose job gave up (an outage, say)',
    tag: 'imports',
    request: { params: idParams('import') },
    responses: {
      202: { description: 'The import, importing again', schema: contactImportSchema },
      404: { description: 'No such import' },
      409: { description: 'The import is making progress, or is not one that can be resumed' },
    },
  }),
  dryRunImport: defineRoute({
    method: 'POST',
    path: '/imports/{id}/dry-run',
    handler: 'imports/dry-run',
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    items: { write: ['import'] },
    objects: { write: [IMPORT_JOBS_PREFIX] },
    summary:
      'Work out what the import would do (created, updated, unchanged, rejected, warned) without writing; GET the import for the result',
    tag: 'imports',
    request: { params: idParams('import') },
    responses: {
      202: { description: 'The import, with its dry run running', schema: contactImportSchema },
      404: { description: 'No such import' },
      409: { description: 'The import has no mapping yet, or has started' },
    },
  }),
  undoImport: defineRoute({
    method: 'POST',
    path: '/imports/{id}/undo',
    handler: 'imports/undo',
    // As long as API Gateway waits (30 s); a larger import is undone over several calls (202).
    timeoutSeconds: 29,
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    items: { write: ['contact', 'contactClaim', 'import'], indexes: ['contact'] },
    summary: 'Undo a completed import: remove the contacts it created (contacts it updated keep their changes)',
    tag: 'imports',
    request: { params: idParams('import') },
    responses: {
      200: { description: 'The import, now undone', schema: contactImportSchema },
      202: {
        description: 'Time ran short: undoneContacts says how many are removed so far; call again to go on',
        schema: contactImportSchema,
      },
      404: { description: 'No such import' },
      409: { description: 'The import is not completed' },
    },
  }),
  createImportTemplate: defineRoute({
    method: 'POST',
    path: '/import-templates',
    handler: 'imports/create-template',
    access: { kind: 'staff', role: 'manager' },
    table: 'readWrite',
    items: { write: ['importTemplate', 'importTemplateSlug'] },
    summary: 'Save a mapping template; an upload whose headers match it is proposed its mapping first',
    tag: 'imports',
    request: { body: importTemplateBodySchema },
    responses: {
      201: { description: 'The template', schema: importTemplateSchema },
      409: { description: 'A template with this name, or a name making the same drop folder, exists' },
    },
  }),
  listImportTemplates: defineRoute({
    method: 'GET',
    path: '/import-templates',
    handler: 'imports/list-templates',
    access: { kind: 'staff', role: 'viewer' },
    table: 'read',
    items: { indexes: ['importTemplate'] },
    summary: 'Saved mapping templates, by name, a page at a time',
    tag: 'imports',
    request: { query: pageQuery },
    responses: {
      200: {
        description: 'One page of templates',
        schema: z.object({ items: z.array(importTemplateSchema), nextCursor: z.string().optional() }),
      },
    },
  }),
});
