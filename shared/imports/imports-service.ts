// Over 300 lines, on purpose. Each step of an import's life (create, upload, analyse, map, dry run, start, undo, the drop folder and the
// failure paths) reads and moves the same import state; analysis and templates have their own modules
// (upload-analysis-service.ts, import-templates-service.ts).
import { CopyObjectCommand, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { v7 as uuidv7 } from 'uuid';
import { normaliseTags } from '../contacts/contact';
import { ContactChangedError, type ContactsRepository } from '../contacts/contacts-repository';
import { forEachConcurrently } from '../core/concurrency';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors';
import {
  dropFolderTemplateSlug,
  importIdFromUploadKey,
  importUploadKey,
  MAX_IMPORT_BYTES,
  parseImportJobKey,
  templateSlug,
} from '../core/files/buckets';
import type { ContactImport, ImportAnalysis, ImportFailure, ImportSettings } from './contact-import';
import type { ImportJobRunner } from './import-job';
import { templateFitsHeader, templateMapping } from './import-template';
import type { ImportTemplatesRepository } from './import-templates-repository';
import type { ImportsRepository, StoredImport } from './imports-repository';
import { mappingProblems } from './mapping-problems';
import { UploadAnalyser } from './upload-analysis-service';

const UPLOAD_EXPIRY_SECONDS = 15 * 60;
/** Contacts an undo deletes at once (each a transaction with its claims). */
const UNDO_IN_FLIGHT = 8;

export interface ImportsServiceOptions {
  bucket: string;
  defaultCountry: string;
  maxBytes?: number;
  now?: () => Date;
  newId?: () => string;
}

export class ImportsService {
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly analyser: UploadAnalyser;
  private readonly maxBytes: number;

  constructor(
    private readonly repository: ImportsRepository,
    private readonly templates: ImportTemplatesRepository,
    private readonly contacts: ContactsRepository,
    private readonly jobs: Pick<ImportJobRunner, 'dispatch' | 'dispatchDryRun' | 'giveUp' | 'giveUpDryRun'>,
    private readonly s3: S3Client,
    private readonly options: ImportsServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? uuidv7;
    this.maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
    this.analyser = new UploadAnalyser(s3, templates, {
      bucket: options.bucket,
      defaultCountry: options.defaultCountry,
      maxBytes: this.maxBytes,
    });
  }

  /** A new import and a presigned POST for its file: large files go straight to S3, never through the API. */
  async create(createdBy: string, body: { fileName?: string }) {
    const now = this.now();
    const contactImport: ContactImport = {
      id: this.newId(),
      status: 'awaiting_upload',
      ...(body.fileName && { fileName: body.fileName }),
      createdBy,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    await this.repository.create(contactImport);
    const post = await createPresignedPost(this.s3, {
      Bucket: this.options.bucket,
      Key: importUploadKey(contactImport.id),
      Conditions: [['content-length-range', 1, this.maxBytes]],
      Expires: UPLOAD_EXPIRY_SECONDS,
    });
    return {
      import: contactImport,
      upload: {
        url: post.url,
        fields: post.fields,
        maxBytes: this.maxBytes,
        expiresAt: new Date(now.getTime() + UPLOAD_EXPIRY_SECONDS * 1000).toISOString(),
      },
    };
  }

  /** The import as staff see it: no checkpoint, and the error report as a link valid for an hour. */
  /**
   * Deletes an import that never received its file (an upload that was abandoned). An import with a file is
   * kept, since its history matters: undo it instead.
   */
  async deleteUnused(id: string): Promise<void> {
    if (await this.repository.deleteAwaitingUpload(id)) return;
    const contactImport = await this.read(id);
    throw new ConflictError(
      `Import ${id} is ${contactImport.status}: only an import still awaiting its file can be deleted; undo it instead.`,
    );
  }

  async get(id: string): Promise<ContactImport> {
    const { checkpoint: _checkpoint, errorReportKey, warningsReportKey, ...contactImport } = await this.read(id);
    const signed = (Key: string) =>
      getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.options.bucket, Key }), { expiresIn: 3600 });
    return {
      ...contactImport,
      ...(errorReportKey && { errorReportUrl: await signed(errorReportKey) }),
      ...(warningsReportKey && { warningsReportUrl: await signed(warningsReportKey) }),
    };
  }

  /** Imports, newest first (without their analysis, which GET /imports/{id} gives). */
  async list(limit: number, cursor?: string) {
    const page = await this.repository.list(limit, cursor);
    return {
      items: page.imports.map(({ analysis: _analysis, ...contactImport }) => contactImport),
      ...(page.nextCursor && { nextCursor: page.nextCursor }),
    };
  }

  /** Starts a dry run of an import whose mapping is set: GET the import to read its result. */
  async dryRun(id: string): Promise<ContactImport> {
    const contactImport = await this.read(id);
    if (contactImport.status !== 'awaiting_mapping' || !contactImport.settings)
      throw new ConflictError(
        contactImport.status === 'awaiting_mapping'
          ? `Import ${id} has no mapping yet: PUT /imports/${id}/mapping first.`
          : `Import ${id} is ${contactImport.status.replace('_', ' ')}; a dry run is for an import not yet started.`,
        { status: contactImport.status },
      );
    const dryRun = { status: 'running' as const, at: this.now().toISOString() };
    if (!(await this.repository.recordDryRun(id, dryRun)))
      throw new ConflictError(`Import ${id} changed; read it again.`);
    await this.jobs.dispatchDryRun(id, dryRun.at);
    return this.get(id);
  }

  /** Starts an import whose mapping is set; it runs in its own invocations from here. */
  async start(id: string): Promise<ContactImport> {
    const contactImport = await this.read(id);
    if (contactImport.status !== 'awaiting_mapping' || !contactImport.settings)
      throw new ConflictError(
        contactImport.status === 'awaiting_mapping'
          ? `Import ${id} has no mapping yet: PUT /imports/${id}/mapping first.`
          : `Import ${id} is ${contactImport.status.replace('_', ' ')}; it can start only once, after its mapping is set.`,
        { status: contactImport.status },
      );
    if (!(await this.repository.start(id, this.now().toISOString())))
      throw new ConflictError(`Import ${id} has started already.`, { status: 'importing' });
    await this.jobs.dispatch(id, 0);
    return this.get(id);
  }

  /**
   * Removes the contacts a completed import created (contacts it updated keep their changes). Runs within the
   * request, so it suits imports of up to some thousands of contacts; a larger undo is to become a job.
   */
  /**
   * Removes the contacts an import created. A large import is undone over several calls: when `timeIsShort`
   * says so after a page, the answer is `complete: false` with `undoneContacts` so far, and calling again goes
   * on (removed contacts are no longer listed, so it continues where it stopped).
   */
  async undo(
    id: string,
    options: { timeIsShort?: () => boolean } = {},
  ): Promise<{ contactImport: ContactImport; complete: boolean }> {
    const contactImport = await this.read(id);
    // A completed import, or one that failed part-way (it has a summary of what it imported).
    const undoable =
      contactImport.status === 'completed' || (contactImport.status === 'failed' && contactImport.summary);
    if (!undoable)
      throw new ConflictError(
        `Import ${id} is ${contactImport.status.replace('_', ' ')}; only an import that ran can be undone.`,
        {
          status: contactImport.status,
        },
      );
    let removed = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.contacts.listCreatedBy(id, startKey);
      await forEachConcurrently(page.contacts, UNDO_IN_FLIGHT, async (stored) => {
        await this.contacts.delete(stored).catch((error: unknown) => {
          if (!(error instanceof ContactChangedError)) throw error;
          return this.deleteFresh(stored.contact.id);
        });
        removed++;
      });
      startKey = page.nextKey;
    } while (startKey && !options.timeIsShort?.());
    const complete = startKey === undefined;
    if (!(await this.repository.countUndone(id, removed, this.now().toISOString(), complete)))
      throw new ConflictError(`Import ${id} changed while it was undone; read it again.`);
    return { contactImport: await this.get(id), complete };
  }

  private async deleteFresh(contactId: string) {
    const fresh = await this.contacts.get(contactId);
    if (fresh) await this.contacts.delete(fresh);
  }

  private async read(id: string): Promise<StoredImport> {
    const contactImport = await this.repository.get(id);
    if (!contactImport) throw new NotFoundError(`No import with id ${id}.`);
    return contactImport;
  }

  /**
   * Sets how the import will run. A mapping that cannot work with the file's header is refused with every
   * reason; an import that is not awaiting its mapping (no file yet, failed, or started) is a conflict.
   */
  async setSettings(id: string, settings: ImportSettings): Promise<ContactImport> {
    const contactImport = await this.get(id);
    if (contactImport.status !== 'awaiting_mapping' || !contactImport.analysis)
      throw new ConflictError(`Import ${id} is ${contactImport.status.replace('_', ' ')}, not awaiting its mapping.`, {
        status: contactImport.status,
      });
    const problems = mappingProblems(settings.mapping, contactImport.analysis.header);
    if (problems.length > 0)
      throw new ValidationError(problems.map((problem) => ({ ...problem, path: `body.mapping.${problem.path}` })));
    const normalised = { ...settings, addTags: normaliseTags(settings.addTags) };
    const now = this.now().toISOString();
    if (!(await this.repository.recordSettings(id, normalised, now)))
      throw new ConflictError(`Import ${id} changed while its mapping was set; read it again.`);
    return { ...contactImport, settings: normalised, updatedAt: now };
  }

  /**
   * A file dropped under drop/<template slug>/: an import that runs by itself with that template. The file
   * is copied to the import's upload key, whose event analyses it as for any upload; the analysis then
   * applies the template and starts the import. An unknown template fails the import, visibly.
   *
   * `sequencer` tells one event of the key from the next (S3's, which orders the puts of a key): a second
   * delivery of the same event, or Lambda's retry after a failure part-way, goes on with the import the first
   * made instead of making another.
   */
  async importDropped(key: string, sequencer: string): Promise<ContactImport> {
    const id = await this.repository.claimDrop(key, sequencer, this.newId(), this.now());
    const earlier = await this.repository.get(id);
    if (earlier && earlier.status !== 'awaiting_upload') return earlier;
    const slug = dropFolderTemplateSlug(key) ?? '';
    const template = (await this.templates.list()).find((candidate) => templateSlug(candidate.name) === slug);
    const now = this.now().toISOString();
    const contactImport: ContactImport = earlier ?? {
      id,
      status: 'awaiting_upload',
      fileName: key.slice(key.lastIndexOf('/') + 1),
      createdBy: 'drop-folder',
      dropFolder: { template: template?.name ?? slug, key },
      createdAt: now,
      updatedAt: now,
    };
    if (!earlier && !(await this.repository.createIfAbsent(contactImport))) {
      // A delivery of the same event at the same time made it a moment ago: it goes on from there.
      const made = await this.repository.get(id);
      if (made?.status !== 'awaiting_upload') return made ?? contactImport;
    }
    if (!template) {
      const failure = {
        code: 'template_missing' as const,
        message: `No template's name matches the drop folder "${slug}".`,
      };
      await this.repository.recordAnalysis(contactImport.id, { failure }, now);
      return { ...contactImport, status: 'failed', failure };
    }
    await this.s3.send(
      new CopyObjectCommand({
        Bucket: this.options.bucket,
        CopySource: `${this.options.bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`,
        Key: importUploadKey(contactImport.id),
      }),
    );
    return contactImport;
  }

  /**
   * An event under the imports bucket failed on every attempt (or waited too long to be tried): records it
   * on the import it was for, so that the import shows it stopped rather than waiting for ever. An upload
   * that could not be analysed fails its import; a job, its import or dry run; a dropped file the import its
   * event made, if it made one (`sequencer`, the event's, says which). Returns what it did.
   */
  async recordTriggerFailure(
    key: string,
    reason: string,
    sequencer?: string,
  ): Promise<'failed' | 'ignored' | 'unknown'> {
    const uploaded = importIdFromUploadKey(key);
    if (uploaded)
      return this.failAwaitingFile(uploaded, `The file could not be analysed (${reason}); upload it again.`);
    const dropped = dropFolderTemplateSlug(key) !== undefined && sequencer !== undefined;
    const droppedImport = dropped ? await this.repository.droppedImport(key, sequencer) : undefined;
    if (droppedImport)
      return this.failAwaitingFile(
        droppedImport,
        `The dropped file could not be taken in (${reason}); put it in the folder again.`,
      );
    const job = parseImportJobKey(key);
    if (!job) return 'unknown';
    return 'sequence' in job
      ? this.jobs.giveUp(job.importId, job.sequence, reason)
      : this.jobs.giveUpDryRun(job.importId, job.dryRunAskedAt, reason);
  }

  /** Fails an import whose file never came through, unless it already failed (its own reason says more). */
  private async failAwaitingFile(importId: string, message: string): Promise<'failed' | 'ignored'> {
    if ((await this.repository.get(importId))?.status === 'failed') return 'ignored';
    const failure = { code: 'analysis_failed' as const, message };
    return (await this.repository.recordAnalysis(importId, { failure }, this.now().toISOString()))
      ? 'failed'
      : 'ignored';
  }

  /**
   * Reads the start of an uploaded file and records what it is and how to map it, or why it cannot be
   * imported. Safe to run twice for the same upload.
   */
  async analyseUpload(importId: string, key: string, sizeBytes: number): Promise<ImportAnalysis | ImportFailure> {
    const outcome = await this.analyser.analyse(key, sizeBytes);
    const recorded = await this.repository.recordAnalysis(
      importId,
      'code' in outcome ? { failure: outcome } : { analysis: outcome },
      this.now().toISOString(),
    );
    if (!recorded) throw new NotFoundError(`Import ${importId} is not waiting for a file.`);
    if (!('code' in outcome)) await this.startDropped(importId, outcome);
    return outcome;
  }

  /** A drop-folder import maps itself with its template and starts; a template that no longer fits fails it. */
  private async startDropped(importId: string, analysis: ImportAnalysis): Promise<void> {
    const contactImport = await this.read(importId);
    if (!contactImport.dropFolder) return;
    const name = contactImport.dropFolder.template;
    const template = (await this.templates.list()).find((candidate) => candidate.name === name);
    const now = this.now().toISOString();
    if (!template || !templateFitsHeader(template, analysis.header)) {
      const failure = {
        code: 'template_mismatch' as const,
        message: `The file's columns (${analysis.header.join(', ')}) are not those of template "${name}".`,
      };
      await this.repository.recordAnalysis(importId, { failure }, now);
      return;
    }
    const settings: ImportSettings = {
      mapping: templateMapping(template, analysis.header),
      mode: template.mode ?? 'create',
      addTags: normaliseTags(template.addTags ?? []),
      consentSource: template.consentSource ?? `drop folder, template "${name}"`,
    };
    if (!(await this.repository.recordSettings(importId, settings, now))) return;
    if (await this.repository.start(importId, now)) await this.jobs.dispatch(importId, 0);
  }
}
