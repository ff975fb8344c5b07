import { runtimeEnv } from '../config/runtime-env';
import { documentClient } from '../db/client';
import { ContactsRepository } from '../db/contacts-repository';
import { ContactsService } from './contacts-service';

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
