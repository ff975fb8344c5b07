import { runtimeEnv } from '../core/config/runtime-env';
import { documentClient } from '../core/db/client';
import { ContactsRepository } from './contacts-repository';
import { ContactsService } from './contacts-service';
import { DuplicatesRepository } from './duplicates-repository';
import { DuplicatesService } from './duplicates-service';

let service: ContactsService | undefined;

/** The contacts service of this execution environment, built on first use from the function's environment. */
export function contactsService(): ContactsService {
  if (!service) {
    const env = runtimeEnv();
    service = new ContactsService(new ContactsRepository(documentClient, env.TABLE_NAME), {
      defaultCountry: env.DEFAULT_PHONE_COUNTRY,
    });
  }
  return service;
}

let duplicates: DuplicatesService | undefined;

/** The possible-duplicates review of this execution environment. */
export function duplicatesService(): DuplicatesService {
  if (!duplicates) {
    const env = runtimeEnv();
    duplicates = new DuplicatesService(
      new DuplicatesRepository(documentClient, env.TABLE_NAME),
      new ContactsRepository(documentClient, env.TABLE_NAME),
    );
  }
  return duplicates;
}
