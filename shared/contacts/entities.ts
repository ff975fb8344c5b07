import { defineEntity } from '../core/db/entity';
import type { Contact } from './contact';
import type { PossibleDuplicate } from './duplicates';

export const UNIQUE_FIELDS = ['email', 'phone'] as const;
export type UniqueField = (typeof UNIQUE_FIELDS)[number];

/**
 * Contacts in the single table (docs/data-model.md). A contact stores its version (for conditional writes)
 * beside its fields, and is found by id, ward, language and the import that created it (ids are UUIDv7, so
 * every index lists oldest first).
 */
export const contactEntity = defineEntity<Contact, [id: string], 'version'>({
  entity: 'contact',
  key: (id) => ({ pk: `CONTACT#${id}`, sk: 'CONTACT' }),
  identify: (contact) => [contact.id],
  indexes: {
    byKind: { partition: () => 'CONTACT', partitionOf: () => [], sortOf: (contact) => contact.id },
    contactsByWard: {
      partition: (ward) => `CONTACT_WARD#${ward.toLowerCase()}`,
      partitionOf: (contact) => (contact.ward ? [contact.ward] : undefined),
      sortOf: (contact) => contact.id,
    },
    contactsByLanguage: {
      partition: (language) => `CONTACT_LANGUAGE#${language}`,
      partitionOf: (contact) => (contact.language ? [contact.language] : undefined),
      sortOf: (contact) => contact.id,
    },
    contactsByImport: {
      partition: (importId) => `CONTACT_IMPORT#${importId}`,
      partitionOf: (contact) => (contact.source ? [contact.source.importId] : undefined),
      sortOf: (contact) => contact.id,
    },
  },
  stored: ['version'],
});

/** A contact's claim on its email or phone: at most one contact holds a value. */
export const contactClaimEntity = defineEntity({
  entity: 'contactClaim',
  key: (field: UniqueField, value: string) => ({
    pk: `${field === 'email' ? 'CONTACT_EMAIL' : 'CONTACT_PHONE'}#${value}`,
    sk: 'CLAIM',
  }),
  partitionPrefixes: ['CONTACT_EMAIL#*', 'CONTACT_PHONE#*'],
  identify: (claim: { field: UniqueField; value: string; contactId: string }): [UniqueField, string] => [
    claim.field,
    claim.value,
  ],
});

/** Possible duplicates, one item a pair; open ones are listed oldest first through a sparse index. */
export const possibleDuplicateEntity = defineEntity({
  entity: 'possibleDuplicate',
  key: (a: string, b: string) => ({ pk: `DUPLICATE#${a}#${b}`, sk: 'DUPLICATE' }),
  identify: (pair: PossibleDuplicate): [string, string] => pair.contactIds,
  indexes: {
    byKind: {
      partition: () => 'DUPLICATE',
      partitionOf: (pair) => (pair.status === 'open' ? [] : undefined),
      sortOf: (pair) => `${pair.foundAt}#${pair.contactIds.join('#')}`,
    },
  },
});
