import * as z from 'zod';
import { DUPLICATE_MODES } from './contact-import';
import { columnTargetSchema, importMappingSchema } from './import-mapping';

/**
 * A saved way to import files with a known header, such as a CRM's nightly export. Columns are matched by
 * header name, not position, so the same template serves a file whose columns come in another order.
 */
export const importTemplateBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  columns: z
    .record(z.string().min(1).max(200), columnTargetSchema)
    .refine((columns) => Object.keys(columns).length > 0, 'at least one column')
    .describe('Header name → what the column becomes'),
  defaultCountry: importMappingSchema.shape.defaultCountry,
  consentWords: importMappingSchema.shape.consentWords,
  tagSeparator: importMappingSchema.shape.tagSeparator,
  mode: z.enum(DUPLICATE_MODES).optional(),
  addTags: z.array(z.string().trim().min(1).max(60)).max(20).optional(),
  consentSource: z.string().min(1).max(200).optional(),
});
export type ImportTemplateBody = z.infer<typeof importTemplateBodySchema>;

export const importTemplateSchema = importTemplateBodySchema.extend({
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
});
export type ImportTemplate = z.infer<typeof importTemplateSchema>;

const headerKey = (header: string) => header.trim().toLowerCase();

/** Whether a template's columns are exactly the file's columns, in any order and any case. */
export function templateFitsHeader(template: Pick<ImportTemplate, 'columns'>, header: readonly string[]): boolean {
  const names = Object.keys(template.columns).map(headerKey);
  return (
    names.length === header.length &&
    new Set(names).size === names.length &&
    header.every((name) => names.includes(headerKey(name)))
  );
}

/** The template's mapping laid out in the file's column order. */
export function templateMapping(template: ImportTemplate, header: readonly string[]) {
  const byName = new Map(Object.entries(template.columns).map(([name, target]) => [headerKey(name), target]));
  return {
    columns: header.map((name) => byName.get(headerKey(name)) ?? ({ kind: 'ignore' } as const)),
    defaultCountry: template.defaultCountry,
    consentWords: template.consentWords,
    tagSeparator: template.tagSeparator,
  };
}
