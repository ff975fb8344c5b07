import { ConflictError, ValidationError } from '../core/errors';
import type { ImportTemplate, ImportTemplateBody } from './import-template';
import {
  type ImportTemplatesRepository,
  TemplateNameTakenError,
  TemplateSlugTakenError,
} from './import-templates-repository';
import { mappingProblems } from './mapping-problems';

/** Saved mappings, by name: proposed for files with the same headers, and the drop folder's instructions. */
export class ImportTemplatesService {
  constructor(
    private readonly templates: ImportTemplatesRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Saves a template; its columns must make a mapping that can work, and its name must be new. */
  async create(createdBy: string, body: ImportTemplateBody): Promise<ImportTemplate> {
    const headers = Object.keys(body.columns);
    const problems = mappingProblems({ ...body, columns: Object.values(body.columns) }, headers);
    if (problems.length > 0)
      throw new ValidationError(
        problems.map((problem) => ({
          ...problem,
          path: `body.${problem.path.replace(/^columns\.(\d+)/, (_, i) => `columns.${headers[Number(i)]}`)}`,
        })),
      );
    const template: ImportTemplate = { ...body, createdBy, createdAt: this.now().toISOString() };
    await this.templates.create(template).catch((error: unknown) => {
      if (error instanceof TemplateNameTakenError)
        throw new ConflictError(`A template named "${body.name}" exists already.`, { field: 'name' });
      if (error instanceof TemplateSlugTakenError)
        throw new ConflictError(
          `The drop folder drop/${error.slug}/ belongs to ${error.heldBy ? `the template "${error.heldBy}"` : 'another template'} already: choose a name that differs in more than case, spaces or punctuation.`,
          { field: 'name' },
        );
      throw error;
    });
    return template;
  }

  /** Templates by name, a page at a time. */
  list(limit: number, cursor?: string): Promise<{ items: ImportTemplate[]; nextCursor?: string }> {
    return this.templates.page(limit, cursor);
  }
}
