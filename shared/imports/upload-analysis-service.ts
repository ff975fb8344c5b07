import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ImportAnalysis, ImportFailure } from './contact-import';
import { templateFitsHeader, templateMapping } from './import-template';
import type { ImportTemplatesRepository } from './import-templates-repository';
import { CsvFormatError } from './pipeline/csv-reader';
import { analyseCsvSample, NoRecordsError } from './pipeline/import-pipeline';
import { NotACsvError } from './pipeline/sniff';

/** How much of an upload analysis reads: enough for encoding, delimiter, header and a preview. */
export const ANALYSIS_SAMPLE_BYTES = 64 * 1024;

/**
 * An upload's analysis: the start of the file read from S3 (never the whole file), its encoding, delimiter,
 * header and preview, the mapping suggested for it, and the saved template it fits if there is one. A file
 * that cannot be imported is an ImportFailure with its reason, never an exception.
 */
export class UploadAnalyser {
  constructor(
    private readonly s3: S3Client,
    private readonly templates: Pick<ImportTemplatesRepository, 'list'>,
    private readonly options: { bucket: string; defaultCountry: string; maxBytes: number },
  ) {}

  async analyse(key: string, sizeBytes: number): Promise<ImportAnalysis | ImportFailure> {
    if (sizeBytes === 0) return { code: 'empty', message: 'The file is empty.' };
    if (sizeBytes > this.options.maxBytes)
      return {
        code: 'too_large',
        message: `The file is ${sizeBytes} bytes; imports take at most ${this.options.maxBytes}.`,
      };
    const sample = await this.readStart(key, Math.min(sizeBytes, ANALYSIS_SAMPLE_BYTES));
    try {
      const analysis = analyseCsvSample(sample, {
        defaultCountry: this.options.defaultCountry,
        wholeFile: sizeBytes <= ANALYSIS_SAMPLE_BYTES,
      });
      return { sizeBytes, ...analysis, ...(await this.fromTemplate(analysis.header)) };
    } catch (error) {
      if (error instanceof NotACsvError) return { code: 'not_csv', message: error.message };
      if (error instanceof NoRecordsError) return { code: 'no_records', message: error.message };
      if (error instanceof CsvFormatError) return { code: 'bad_format', message: error.message };
      if ((error as { code?: string }).code?.startsWith('CSV_'))
        return {
          code: 'bad_format',
          message: `The start of the file is not readable CSV: ${(error as Error).message}`,
        };
      throw error;
    }
  }

  /** A saved template whose headers are exactly this file's is proposed first, with its mapping. */
  private async fromTemplate(header: readonly string[]): Promise<Partial<ImportAnalysis>> {
    const template = (await this.templates.list()).find((candidate) => templateFitsHeader(candidate, header));
    if (!template) return {};
    const { name, mode, addTags, consentSource } = template;
    return {
      suggestedMapping: templateMapping(template, header),
      // The template answers what the analysis would ask.
      choices: [],
      proposedTemplate: {
        name,
        ...(mode && { mode }),
        ...(addTags && { addTags }),
        ...(consentSource && { consentSource }),
      },
    };
  }

  private async readStart(key: string, bytes: number): Promise<Uint8Array> {
    const object = await this.s3.send(
      new GetObjectCommand({ Bucket: this.options.bucket, Key: key, Range: `bytes=0-${bytes - 1}` }),
    );
    if (!object.Body) return new Uint8Array();
    return object.Body.transformToByteArray();
  }
}
