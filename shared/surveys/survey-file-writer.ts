import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Contact } from '../contacts/contact';
import { surveyExportKey, surveyLinksKey } from '../core/files/buckets';
import { csvLine } from '../core/files/csv-writer';
import { citizenLinkPath } from './survey-links';

/** How long a download link to a survey file works. */
const DOWNLOAD_SECONDS = 3600;
/** The columns of a link file, in order; the JSON file has the same fields. */
const LINK_COLUMNS = [
  'contactId',
  'firstName',
  'lastName',
  'email',
  'phone',
  'language',
  'ward',
  'token',
  'url',
] as const;

/**
 * The files a survey hands to staff, each written to the bucket under its own prefix (links under
 * survey-links/, exports under survey-exports/) and handed over as a download link that works for an hour.
 */
export class SurveyFileWriter {
  constructor(
    private readonly s3: S3Client,
    private readonly options: { bucket: string; now: () => Date; citizenBaseUrl?: string | undefined },
  ) {}

  /**
   * Links as a CSV and a JSON file, and their downloads: new ones (the only copy of their tokens, under the
   * `at` their invitations name), or links issued again (`reissued`, in files of their own that nothing
   * reads back).
   */
  async writeLinks(
    surveyId: string,
    minted: readonly { contact: Contact; token: string }[],
    at: Date,
    kind: 'links' | 'reissued' = 'links',
  ) {
    const links = minted.map(({ contact, token }) => ({
      contactId: contact.id,
      firstName: contact.firstName ?? '',
      lastName: contact.lastName ?? '',
      email: contact.email ?? '',
      phone: contact.phone ?? '',
      language: contact.language ?? '',
      ward: contact.ward ?? '',
      token,
      url: `${this.options.citizenBaseUrl ?? ''}${citizenLinkPath(token)}`,
    }));
    const csv =
      csvLine(LINK_COLUMNS) + links.map((link) => csvLine(LINK_COLUMNS.map((column) => link[column]))).join('');
    const [csvKey, jsonKey] = [surveyLinksKey(surveyId, at, 'csv', kind), surveyLinksKey(surveyId, at, 'json', kind)];
    await Promise.all([
      this.putFile(csvKey, csv, 'text/csv; charset=utf-8'),
      this.putFile(jsonKey, JSON.stringify({ surveyId, links }), 'application/json'),
    ]);
    return {
      downloads: { csv: await this.download(csvKey), json: await this.download(jsonKey) },
      expiresAt: this.expiry(),
    };
  }

  /** The links of a JSON link file by contact, or undefined when the file is gone (its retention ended). */
  async readLinks(key: string): Promise<Map<string, string> | undefined> {
    try {
      const { Body } = await this.s3.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
      const file = JSON.parse((await Body?.transformToString()) ?? '{}') as {
        links?: { contactId: string; token: string }[];
      };
      return new Map((file.links ?? []).map((link) => [link.contactId, link.token]));
    } catch (error) {
      if (error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  private async putFile(key: string, body: string, contentType: string): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.options.bucket, Key: key, Body: body, ContentType: contentType }),
    );
  }

  private download(key: string): Promise<string> {
    return getSignedUrl(this.s3, new GetObjectCommand({ Bucket: this.options.bucket, Key: key }), {
      expiresIn: DOWNLOAD_SECONDS,
    });
  }

  private expiry = () => new Date(this.options.now().getTime() + DOWNLOAD_SECONDS * 1000).toISOString();

  /** An export of the responses as CSV, and its download. */
  async writeExport(surveyId: string, csv: string) {
    const key = surveyExportKey(surveyId, this.options.now());
    await this.putFile(key, csv, 'text/csv; charset=utf-8');
    return { url: await this.download(key), expiresAt: this.expiry() };
  }
}
