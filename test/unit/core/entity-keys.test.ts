import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../shared/contacts/contact';
import { contactClaimEntity, contactEntity } from '../../../shared/contacts/entities';
import { decodeCursor, encodeCursor } from '../../../shared/core/db/cursor';
import { TABLE_ATTRIBUTES } from '../../../shared/core/db/entity';
import type { ContactImport } from '../../../shared/imports/contact-import';
import {
  droppedFileEntity,
  importEntity,
  importRejectEntity,
  importTemplateEntity,
  templateSlugEntity,
} from '../../../shared/imports/entities';
import { segmentEntity } from '../../../shared/segments/entities';
import {
  counterShardEntity,
  invitationEntity,
  linkEntity,
  responseEntity,
  surveyEntity,
} from '../../../shared/surveys/entities';

/** The keys each entity declares, offline: what docs/data-model.md lists, item by item. */
describe('entity keys', () => {
  const contact = {
    id: '0190a1b2-0000-7000-8000-000000000001',
    ward: 'Harbour North',
    language: 'cy',
    source: { importId: 'imp-1' },
    tags: [],
    consent: {},
  } as unknown as Contact;

  it('writes a contact with its key, every index it belongs to, and its version', () => {
    expect(contactEntity.item(contact, { version: 3 })).toMatchObject({
      pk: `CONTACT#${contact.id}`,
      sk: 'CONTACT',
      entity: 'contact',
      gsi1pk: 'CONTACT',
      gsi1sk: contact.id,
      gsi2pk: 'CONTACT_WARD#harbour north',
      gsi2sk: contact.id,
      gsi3pk: 'CONTACT_LANGUAGE#cy',
      gsi4pk: 'CONTACT_IMPORT#imp-1',
      version: 3,
    });
  });

  it('leaves a contact without ward, language or source out of those indexes (sparse)', () => {
    const item = contactEntity.item({ ...contact, ward: undefined, language: undefined, source: undefined }, {});
    expect(Object.keys(item).filter((name) => /^gsi[234]/.test(name))).toEqual([]);
  });

  it('reads back the value alone: no key, index or stored attribute', () => {
    const item = contactEntity.item(contact, { version: 3 });
    expect(contactEntity.read(item)).toEqual(contact);
    expect(contactEntity.storedOf(item)).toEqual({ version: 3 });
    for (const name of Object.keys(contactEntity.read(item))) expect(TABLE_ATTRIBUTES.has(name)).toBe(false);
  });

  it('claims an email and a phone under their own partitions', () => {
    expect(contactClaimEntity.key('email', 'ann@example.org')).toEqual({
      pk: 'CONTACT_EMAIL#ann@example.org',
      sk: 'CLAIM',
    });
    expect(contactClaimEntity.key('phone', '+447700900123')).toEqual({
      pk: 'CONTACT_PHONE#+447700900123',
      sk: 'CLAIM',
    });
  });

  it('queries an index partition by its declared index name, and shapes its cursor', () => {
    expect(contactEntity.queryIndex('contactsByWard', 'Harbour North')).toEqual({
      IndexName: 'gsi2',
      KeyConditionExpression: '#partition = :partition',
      ExpressionAttributeNames: { '#partition': 'gsi2pk' },
      ExpressionAttributeValues: { ':partition': 'CONTACT_WARD#harbour north' },
    });
    expect(contactEntity.indexCursor('contactsByImport', 'imp-1')).toEqual({
      partitionKey: 'gsi4pk',
      partitionValue: 'CONTACT_IMPORT#imp-1',
      attributes: ['pk', 'sk', 'gsi4pk', 'gsi4sk'],
    });
  });

  it('refuses a cursor from another partition of the same index', async () => {
    const cursor = await encodeCursor({ pk: 'CONTACT#a', sk: 'CONTACT', gsi2pk: 'CONTACT_WARD#west', gsi2sk: 'a' });
    expect(await decodeCursor(cursor, contactEntity.indexCursor('contactsByWard', 'west'))).toMatchObject({
      gsi2sk: 'a',
    });
    await expect(decodeCursor(cursor, contactEntity.indexCursor('contactsByWard', 'east'))).rejects.toThrow();
  });

  it('declares the imports capability’s items', () => {
    const contactImport = { id: 'imp-1' } as ContactImport;
    expect(importEntity.item(contactImport, { checkpoint: { sequence: 1 } })).toMatchObject({
      pk: 'IMPORT#imp-1',
      sk: 'IMPORT',
      gsi1pk: 'IMPORT',
      gsi1sk: 'imp-1',
      checkpoint: { sequence: 1 },
    });
    expect(importEntity.read(importEntity.item(contactImport, { errorReportKey: 'k' }))).toEqual(contactImport);
    expect(importRejectEntity.key('imp-1', 42)).toEqual({ pk: 'IMPORT#imp-1', sk: 'REJECT#0000000042' });
    expect(importRejectEntity.queryCollection('imp-1').ExpressionAttributeValues).toEqual({
      ':partition': 'IMPORT#imp-1',
      ':prefix': 'REJECT#',
    });
    expect(droppedFileEntity.key('drop/crm/a.csv', '0055')).toEqual({ pk: 'DROP#0055#drop/crm/a.csv', sk: 'DROP' });
    expect(importTemplateEntity.key('Nightly CRM')).toEqual({ pk: 'IMPORT_TEMPLATE#nightly crm', sk: 'TEMPLATE' });
    expect(templateSlugEntity.key('nightly-crm')).toEqual({ pk: 'IMPORT_TEMPLATE_SLUG#nightly-crm', sk: 'CLAIM' });
  });

  it('lists segments by name within their kind', () => {
    expect(
      segmentEntity.item({ id: 's1', name: 'Harbour Youth', filter: {}, createdBy: 'u', createdAt: 't' }),
    ).toMatchObject({ pk: 'SEGMENT#s1', sk: 'SEGMENT', gsi1pk: 'SEGMENT', gsi1sk: 'harbour youth#s1' });
  });

  it('declares the surveys capability’s items, invitations and responses in the survey’s partition', () => {
    expect(surveyEntity.key('v1')).toEqual({ pk: 'SURVEY#v1', sk: 'SURVEY' });
    expect(counterShardEntity.key('v1', 7)).toEqual({ pk: 'SURVEY_COUNTERS#v1#07', sk: 'COUNTERS' });
    expect(invitationEntity.key('v1', 'c1')).toEqual({ pk: 'SURVEY#v1', sk: 'INVITE#c1' });
    expect(responseEntity.key('v1', 'r1')).toEqual({ pk: 'SURVEY#v1', sk: 'RESPONSE#r1' });
    expect(linkEntity.key('hash')).toEqual({ pk: 'SURVEY_LINK#hash', sk: 'LINK' });
    const invitation = {
      contactId: 'c1',
      tokenHash: 'h',
      ward: 'West',
      responded: false,
      createdAt: 't',
    };
    const item = invitationEntity.item({ ...invitation, surveyId: 'v1' });
    expect(item).toMatchObject({ pk: 'SURVEY#v1', sk: 'INVITE#c1', entity: 'surveyInvitation' });
    expect(invitationEntity.read(item)).toEqual(invitation);
    expect(responseEntity.collectionCursor('v1')).toEqual({
      partitionKey: 'pk',
      partitionValue: 'SURVEY#v1',
      attributes: ['pk', 'sk'],
    });
  });
});
