import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../shared/contacts/contact';
import { consentTime } from '../../../shared/imports/import-consent';
import { type ImportMapping, suggestColumns } from '../../../shared/imports/import-mapping';
import { mergeImported, refusalKept } from '../../../shared/imports/import-merge';
import { compileMapping, type ImportedPerson, importRecord } from '../../../shared/imports/import-record';
import { analyseCsvSample } from '../../../shared/imports/pipeline/import-pipeline';
import { KNOWN_NO, KNOWN_YES } from '../../../shared/imports/pipeline/sniff';

const mappingFor = (headers: string[], extra: Partial<ImportMapping> = {}) =>
  compileMapping({
    columns: suggestColumns(headers).map((column) => column.target),
    defaultCountry: 'GB',
    consentWords: { yes: KNOWN_YES, no: KNOWN_NO },
    tagSeparator: ';',
    ...extra,
  });
const personOf = (headers: string[], fields: string[], extra: Partial<ImportMapping> = {}) => {
  const outcome = importRecord(fields, mappingFor(headers, extra));
  if (outcome.kind !== 'person') throw new Error(outcome.reason);
  return outcome;
};

describe('consent in the source’s own words', () => {
  it('reads an opt-out column’s yes as a refusal, and its no as nothing at all (never as consent)', () => {
    for (const header of [
      'Do Not Email',
      'Email Opt Out',
      'No Bulk Emails (User Opt Out)',
      'Unsubscribed from all email',
    ]) {
      expect(suggestColumns([header])[0]?.target).toEqual({
        kind: 'field',
        field: 'consent_email',
        polarity: 'opt_out',
      });
      expect(personOf(['Email', header], ['a@example.org', 'true']).person).toMatchObject({
        consentEmail: false,
        consentEvidence: { email: { optOut: true } },
      });
      const notOptedOut = personOf(['Email', header], ['a@example.org', 'false']).person;
      expect(notOptedOut.consentEmail).toBeUndefined();
    }
    expect(suggestColumns(['Do Not Sms'])[0]?.target).toEqual({
      kind: 'field',
      field: 'consent_sms',
      polarity: 'opt_out',
    });
  });

  it('takes every opt-out column of a channel, a yes in any a refusal (CiviCRM’s Do Not Email and No Bulk Emails)', () => {
    const headers = ['Email', 'Do Not Email', 'No Bulk Emails (User Opt Out)', 'email_opt_in'];
    expect(suggestColumns(headers).map((column) => column.target)).toEqual([
      { kind: 'field', field: 'email' },
      { kind: 'field', field: 'consent_email', polarity: 'opt_out' },
      { kind: 'field', field: 'consent_email', polarity: 'opt_out' },
      { kind: 'field', field: 'consent_email' },
    ]);
    // Opted out of bulk email only: refused, whatever the opt-in column says.
    expect(personOf(headers, ['a@example.org', '', '1', 'yes']).person).toMatchObject({
      consentEmail: false,
      consentEvidence: { email: { optOut: true } },
    });
    expect(personOf(headers, ['b@example.org', '', '', 'yes']).person.consentEmail).toBe(true);
    expect(personOf(headers, ['c@example.org', '', 'maybe', '']).warnings).toEqual(['unknown_consent_word']);
  });

  it('reads an opt-in column as before: yes grants, no withholds', () => {
    expect(personOf(['Email', 'email_opt_in'], ['a@example.org', 'yes']).person.consentEmail).toBe(true);
    expect(personOf(['Email', 'Newsletter ja/nein'], ['a@example.org', 'nein']).person.consentEmail).toBe(false);
  });

  it('takes a consent time as consent given then: the latest of Mailchimp’s OPTIN_TIME and CONFIRM_TIME', () => {
    const headers = ['Email Address', 'OPTIN_TIME', 'CONFIRM_TIME'];
    expect(suggestColumns(headers).map((column) => column.target)).toEqual([
      { kind: 'field', field: 'email' },
      { kind: 'field', field: 'consent_email_time' },
      { kind: 'field', field: 'consent_email_time' },
    ]);
    const read = personOf(headers, ['a@example.org', '2024-05-20 09:00:00', '2024-05-21 10:31:22']);
    expect(read.person).toMatchObject({
      consentEmail: true,
      consentEvidence: { email: { at: '2024-05-21T10:31:22.000Z' } },
    });
    // A single opt-in list has no confirmation: its sign-up is the consent.
    const single = personOf(headers, ['s@example.org', '2024-01-15 08:00:00', '']);
    expect(single.person).toMatchObject({
      consentEmail: true,
      consentEvidence: { email: { at: '2024-01-15T08:00:00.000Z' } },
    });
    // No time: no consent.
    expect(personOf(headers, ['b@example.org', '', '']).person.consentEmail).toBeUndefined();
    expect(personOf(headers, ['c@example.org', '', 'last Tuesday']).warnings).toEqual(['invalid_consent_time']);
  });

  it('reads consent times as exports write them, in UTC unless they say otherwise', () => {
    expect(consentTime('2024-05-21 10:31:22')).toBe('2024-05-21T10:31:22.000Z');
    expect(consentTime('2024-05-21T10:31:22+02:00')).toBe('2024-05-21T08:31:22.000Z');
    expect(consentTime('2024-05-21')).toBe('2024-05-21T00:00:00.000Z');
    expect(consentTime('21/05/2024')).toBeUndefined();
    expect(consentTime('2999-01-01')).toBeUndefined();
  });

  it('proposes a refused file for Mailchimp’s unsubscribed and cleaned exports, with the time each was refused', () => {
    const csv =
      'Email Address,First Name,UNSUB_TIME,UNSUB_CAMPAIGN_TITLE\na@example.org,Ann,2024-06-01 12:00:00,June news\n';
    const analysis = analyseCsvSample(Buffer.from(csv), { defaultCountry: 'GB', wholeFile: true });
    expect(analysis.suggestedMapping.fileConsent).toEqual({ email: 'refused' });
    const mapping = compileMapping(analysis.suggestedMapping);
    const read = importRecord(['a@example.org', 'Ann', '2024-06-01 12:00:00', 'June news'], mapping);
    expect(read).toMatchObject({
      person: { consentEmail: false, consentEvidence: { email: { optOut: true, at: '2024-06-01T12:00:00.000Z' } } },
    });
    const cleaned = analyseCsvSample(Buffer.from('Email Address,CLEAN_TIME\nb@example.org,2024-06-02 08:00:00\n'), {
      defaultCountry: 'GB',
      wholeFile: true,
    });
    expect(cleaned.suggestedMapping.fileConsent).toEqual({ email: 'refused' });
  });

  it('asks, and maps nothing, when a header does not say whether yes grants or refuses', () => {
    const analysis = analyseCsvSample(Buffer.from('Email,Marketing\na@example.org,yes\n'), {
      defaultCountry: 'GB',
      wholeFile: true,
    });
    expect(analysis.suggestedMapping.columns[1]).toEqual({ kind: 'ignore' });
    expect(analysis.choices).toEqual([
      expect.objectContaining({
        column: 1,
        header: 'Marketing',
        question: expect.stringMatching(/grant email consent \(an opt-in\) or refuse it \(an opt-out\)/),
        options: [
          expect.objectContaining({ target: { kind: 'field', field: 'consent_email', polarity: 'opt_in' } }),
          expect.objectContaining({ target: { kind: 'field', field: 'consent_email', polarity: 'opt_out' } }),
          expect.objectContaining({ target: { kind: 'ignore' } }),
        ],
      }),
    ]);
  });
});

describe('a refusal the contact holds', () => {
  const now = '2026-12-02T10:00:00.000Z';
  const refusedAt = '2024-06-01T12:00:00.000Z';
  const contact: Contact = {
    id: 'c1',
    email: 'a@example.org',
    tags: [],
    attributes: {},
    consent: { email: { granted: false, source: 'Mailchimp unsubscribed', timestamp: refusedAt, optOut: true } },
    createdAt: refusedAt,
    updatedAt: refusedAt,
  };
  const settings = { mode: 'update' as const, addTags: [], consentSource: 'CRM export' };
  const granting = (at?: string): ImportedPerson => ({
    email: 'a@example.org',
    tags: [],
    attributes: {},
    consentEmail: true,
    ...(at && { consentEvidence: { email: { at } } }),
  });

  it('stands against a bare yes in any mode, and the import says so', () => {
    for (const mode of ['update', 'fill'] as const) {
      expect(mergeImported(contact, granting(), { ...settings, mode }, now).consent.email).toEqual(
        contact.consent.email,
      );
      expect(refusalKept(contact, granting(), { ...settings, mode }, now)).toBe(true);
    }
    // Consent given before the refusal is not new evidence either.
    expect(mergeImported(contact, granting('2024-01-01T00:00:00.000Z'), settings, now).consent.email?.granted).toBe(
      false,
    );
  });

  it('gives way to consent given after it, with its time in the file', () => {
    const merged = mergeImported(contact, granting('2025-03-01T09:00:00.000Z'), settings, now);
    expect(merged.consent.email).toEqual({
      granted: true,
      source: 'CRM export',
      timestamp: '2025-03-01T09:00:00.000Z',
    });
    expect(refusalKept(contact, granting('2025-03-01T09:00:00.000Z'), settings, now)).toBe(false);
  });

  it('is recorded over a grant in every mode, create included', () => {
    const granted: Contact = {
      ...contact,
      consent: { email: { granted: true, source: 'web form', timestamp: '2023-01-01T00:00:00.000Z' } },
    };
    const refusing: ImportedPerson = {
      email: 'a@example.org',
      tags: [],
      attributes: {},
      consentEmail: false,
      consentEvidence: { email: { optOut: true, at: refusedAt } },
    };
    for (const mode of ['create', 'update', 'fill'] as const)
      expect(mergeImported(granted, refusing, { ...settings, mode }, now).consent.email).toEqual({
        granted: false,
        source: 'CRM export',
        timestamp: refusedAt,
        optOut: true,
      });
  });
});
