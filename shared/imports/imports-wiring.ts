import { ContactsRepository } from '../contacts/contacts-repository';
import { runtimeEnv } from '../core/config/runtime-env';
import { documentClient } from '../core/db/client';
import { s3Client } from '../core/files/s3-client';
import { ImportJobRunner } from './import-job';
import { ImportTemplatesRepository } from './import-templates-repository';
import { ImportTemplatesService } from './import-templates-service';
import { ImportsRepository } from './imports-repository';
import { ImportsService } from './imports-service';
import { StalledImports } from './stalled-imports-service';

let service: ImportsService | undefined;
let templatesService: ImportTemplatesService | undefined;
let runner: ImportJobRunner | undefined;
let stalled: StalledImports | undefined;

/** The import job runner of this execution environment. */
export function importJobRunner(): ImportJobRunner {
  if (!runner) {
    const env = runtimeEnv();
    runner = new ImportJobRunner(
      new ImportsRepository(documentClient, env.TABLE_NAME),
      new ContactsRepository(documentClient, env.TABLE_NAME),
      s3Client,
      { bucket: env.IMPORTS_BUCKET, retentionDays: env.DATA_RETENTION_DAYS },
    );
  }
  return runner;
}

/** Finds and resumes imports whose job was lost. */
export function stalledImports(): StalledImports {
  stalled ??= new StalledImports(new ImportsRepository(documentClient, runtimeEnv().TABLE_NAME), importJobRunner());
  return stalled;
}

/** The imports service of this execution environment, built on first use from the function's environment. */
export function importsService(): ImportsService {
  if (!service) {
    const env = runtimeEnv();
    service = new ImportsService(
      new ImportsRepository(documentClient, env.TABLE_NAME),
      new ImportTemplatesRepository(documentClient, env.TABLE_NAME),
      new ContactsRepository(documentClient, env.TABLE_NAME),
      importJobRunner(),
      s3Client,
      {
        bucket: env.IMPORTS_BUCKET,
        defaultCountry: env.DEFAULT_PHONE_COUNTRY,
      },
    );
  }
  return service;
}

/** The import templates service of this execution environment. */
export function importTemplatesService(): ImportTemplatesService {
  templatesService ??= new ImportTemplatesService(
    new ImportTemplatesRepository(documentClient, runtimeEnv().TABLE_NAME),
  );
  return templatesService;
}
