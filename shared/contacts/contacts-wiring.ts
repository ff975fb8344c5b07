import { runtimeEnv } from '../core/config/runtime-env';
import { documentClient } from '../core/db/client';
import { ContactsRepository } from './contacts-repository';
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
