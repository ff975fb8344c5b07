import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';

/** S3 takes parts of at least 5 MiB, except the last; 8 MiB keeps a writer's memory at about that. */
export const PART_BYTES = 8 * 1024 * 1024;

/**
 * Writes an object of any size a part at a time, holding one part in memory: for reports whose length
 * depends on the data (an import's rejected rows). Nothing appears under the key unless `complete` succeeds.
 * On failure the caller aborts the upload; if even that fails, the bucket's lifecycle rule removes incomplete
 * uploads after a day.
 */
export class MultipartWriter {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private readonly parts: { ETag: string; PartNumber: number }[] = [];

  private constructor(
    private readonly s3: S3Client,
    private readonly target: { Bucket: string; Key: string },
    private readonly uploadId: string,
  ) {}

  static async start(s3: S3Client, target: { Bucket: string; Key: string }, contentType: string) {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ ...target, ContentType: contentType }));
    return new MultipartWriter(s3, target, UploadId as string);
  }

  async write(text: string): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    this.chunks.push(bytes);
    this.buffered += bytes.length;
    if (this.buffered >= PART_BYTES) await this.uploadPart();
  }

  async complete(): Promise<void> {
    if (this.buffered > 0 || this.parts.length === 0) await this.uploadPart();
    await this.s3.send(
      new CompleteMultipartUploadCommand({
        ...this.target,
        UploadId: this.uploadId,
        MultipartUpload: { Parts: this.parts },
      }),
    );
  }

  async abort(): Promise<void> {
    await this.s3.send(new AbortMultipartUploadCommand({ ...this.target, UploadId: this.uploadId }));
  }

  private async uploadPart(): Promise<void> {
    const PartNumber = this.parts.length + 1;
    const Body = Buffer.concat(this.chunks);
    this.chunks = [];
    this.buffered = 0;
    const { ETag } = await this.s3.send(
      new UploadPartCommand({ ...this.target, UploadId: this.uploadId, PartNumber, Body }),
    );
    this.parts.push({ ETag: ETag as string, PartNumber });
  }
}
