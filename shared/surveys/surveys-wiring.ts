import { ContactsRepository } from '../contacts/contacts-repository';
import { runtimeEnv } from '../core/config/runtime-env';
import { documentClient } from '../core/db/client';
import { s3Client } from '../core/files/s3-client';
import { SegmentsRepository } from '../segments/segments-repository';
import { CitizenSurveysService } from './citizen-surveys-service';
import { ReissuedLinksService } from './reissued-links-service';
import { SurveyFileWriter } from './survey-file-writer';
import { SurveysRepository } from './surveys-repository';
import { SurveysService } from './surveys-service';

let staff: SurveysService | undefined;
let citizens: CitizenSurveysService | undefined;
let reissued: ReissuedLinksService | undefined;

/** The staff surveys service of this execution environment, built on first use from the function's environment. */
export function surveysService(): SurveysService {
  if (!staff) {
    const env = runtimeEnv();
    staff = new SurveysService(
      new SurveysRepository(documentClient, env.TABLE_NAME),
      new SegmentsRepository(documentClient, env.TABLE_NAME),
      new ContactsRepository(documentClient, env.TABLE_NAME),
      s3Client,
      {
        bucket: env.IMPORTS_BUCKET,
        minimumCell: env.ANONYMITY_MINIMUM_CELL,
        ...(env.CITIZEN_BASE_URL && { citizenBaseUrl: env.CITIZEN_BASE_URL }),
      },
    );
  }
  return staff;
}

/** The citizen surveys service of this execution environment. */
export function citizenSurveysService(): CitizenSurveysService {
  if (!citizens) {
    const env = runtimeEnv();
    citizens = new CitizenSurveysService(
      new SurveysRepository(documentClient, env.TABLE_NAME),
      new ContactsRepository(documentClient, env.TABLE_NAME),
    );
  }
  return citizens;
}

/** The service issuing again the links of invitees who have not answered. */
export function reissuedLinksService(): ReissuedLinksService {
  if (!reissued) {
    const env = runtimeEnv();
    reissued = new ReissuedLinksService(
      new SurveysRepository(documentClient, env.TABLE_NAME),
      new ContactsRepository(documentClient, env.TABLE_NAME),
      new SurveyFileWriter(s3Client, {
        bucket: env.IMPORTS_BUCKET,
        now: () => new Date(),
        ...(env.CITIZEN_BASE_URL && { citizenBaseUrl: env.CITIZEN_BASE_URL }),
      }),
    );
  }
  return reissued;
}
