import { type CountryCode, parsePhoneNumberWithError } from 'libphonenumber-js/max';
import * as z from 'zod';
import type { FieldIssue } from '../core/errors';
import { storableNumber } from '../core/storable-values';
import { normaliseLanguage } from './languages';

/**
 * Contacts: the structure every other capability hangs on. The request schemas check shape only; the rules
 * that need configuration (the phone's default country) or that rewrite values (email case, E.164) are
 * plain functions below, shared with the CSV import.
 */

/** How long a contact's values may be, and how many tags and attributes it may have: the API's and the import's. */
export const CONTACT_LIMITS = {
  name: 200,
  ward: 200,
  postcode: 20,
  externalId: 100,
  language: 35,
  tag: 60,
  tags: 50,
  attributeValue: 1000,
  attributes: 50,
} as const;

const name = z.string().min(1).max(CONTACT_LIMITS.name);
const language = z
  .string()
  .min(2)
  .max(CONTACT_LIMITS.language)
  .describe('A BCP 47 language tag such as en, cy or pt-BR');
const tag = z.string().trim().min(1).max(CONTACT_LIMITS.tag);
const attributeValue = z.union([z.string().max(CONTACT_LIMITS.attributeValue), storableNumber, z.boolean()]);
/** A letter, then letters (in any script), digits and _; 64 at most. */
export const ATTRIBUTE_KEY = /^\p{L}[\p{L}\p{N}_]{0,63}$/u;
const attributeKey = z.string().regex(ATTRIBUTE_KEY, 'expected a key of letters, digits and _');
const attributes = z
  .record(attributeKey, attributeValue)
  .refine(
    (value) => Object.keys(value).length <= CONTACT_LIMITS.attributes,
    `at most ${CONTACT_LIMITS.attributes} custom attributes`,
  );

export const CHANNELS = ['email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

export const consentInputSchema = z.strictObject({
  granted: z.boolean(),
  source: z.string().min(1).max(200).describe('Where the consent was given, such as "web form" or "import 2026-11"'),
  timestamp: z.iso.datetime({ offset: true }).optional().describe('When; defaults to the time of the request'),
});
const consentInput = z.strictObject({ email: consentInputSchema.optional(), sms: consentInputSchema.optional() });

const contactFields = {
  firstName: name,
  lastName: name,
  email: z.string().max(320).describe('Trimmed and lower-cased on save'),
  phone: z
    .string()
    .max(40)
    .describe(
      'The mobile number SMS goes to: normalised to E.164 with the deployment default country; one contact per number',
    ),
  landline: z
    .string()
    .max(40)
    .describe('A landline (home or office), in E.164: never sent SMS, and people in one household may share it'),
  postcode: z
    .string()
    .min(1)
    .max(CONTACT_LIMITS.postcode)
    .describe('Upper-cased; UK postcodes get their standard space'),
  ward: z.string().min(1).max(CONTACT_LIMITS.ward),
  language,
  tags: z.array(tag).max(CONTACT_LIMITS.tags).describe('Trimmed, lower-cased and de-duplicated on save'),
  consent: consentInput,
  externalId: z
    .string()
    .min(1)
    .max(CONTACT_LIMITS.externalId)
    .describe('The id of this person in the system the contact came from'),
  attributes: attributes.describe('Custom attributes'),
};

export const createContactBodySchema = z.strictObject({
  firstName: contactFields.firstName.optional(),
  lastName: contactFields.lastName.optional(),
  email: contactFields.email.optional(),
  phone: contactFields.phone.optional(),
  landline: contactFields.landline.optional(),
  postcode: contactFields.postcode.optional(),
  ward: contactFields.ward.optional(),
  language: contactFields.language.optional(),
  tags: contactFields.tags.optional(),
  consent: contactFields.consent.optional(),
  externalId: contactFields.externalId.optional(),
  attributes: contactFields.attributes.optional(),
});
export type CreateContactBody = z.infer<typeof createContactBodySchema>;

/** A PATCH sets the fields it names; `null` clears an optional field. */
export const updateContactBodySchema = z.strictObject({
  firstName: contactFields.firstName.nullable().optional(),
  lastName: contactFields.lastName.nullable().optional(),
  email: contactFields.email.nullable().optional(),
  phone: contactFields.phone.nullable().optional(),
  landline: contactFields.landline.nullable().optional(),
  postcode: contactFields.postcode.nullable().optional(),
  ward: contactFields.ward.nullable().optional(),
  language: contactFields.language.nullable().optional(),
  tags: contactFields.tags.optional(),
  consent: z
    .strictObject({ email: consentInputSchema.nullable().optional(), sms: consentInputSchema.nullable().optional() })
    .optional(),
  externalId: contactFields.externalId.nullable().optional(),
  attributes: z.record(attributeKey, attributeValue.nullable()).optional().describe('Keys set to null are removed'),
});
export type UpdateContactBody = z.infer<typeof updateContactBodySchema>;

const consentSchema = z.object({
  granted: z.boolean(),
  source: z.string(),
  timestamp: z.iso.datetime({ offset: true }),
  optOut: z
    .literal(true)
    .optional()
    .describe(
      'A refusal the person made (an opt-out, an unsubscribe): no import grants consent over it without newer evidence',
    ),
});
const consentEventSchema = consentSchema.extend({ channel: z.enum(CHANNELS) });
export const contactSchema = z.object({
  id: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  landline: z.string().optional(),
  postcode: z.string().optional(),
  ward: z.string().optional(),
  language: z.string().optional(),
  tags: z.array(z.string()),
  consent: z.object({ email: consentSchema.optional(), sms: consentSchema.optional() }),
  consentHistory: z
    .array(consentEventSchema)
    .optional()
    .describe(
      'Every grant and withdrawal of consent, oldest first, each with its channel, time and source (the last 100)',
    ),
  externalId: z.string().optional(),
  attributes: z.record(z.string(), attributeValue),
  source: z
    .object({ importId: z.string(), record: z.number().int() })
    .optional()
    .describe('The import and CSV record that created this contact'),
  lastImport: z
    .object({ importId: z.string(), record: z.number().int() })
    .optional()
    .describe('The import and CSV record that last changed this contact (not one that created it)'),
  otherEmails: z
    .array(z.string())
    .optional()
    .describe('Emails of contacts merged into this one: each still finds it, and an import matches it by them'),
  mergedFrom: z
    .array(z.object({ contactId: z.string(), by: z.string(), at: z.string() }))
    .optional()
    .describe('The contacts merged into this one, who merged each, and when'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Contact = z.infer<typeof contactSchema>;
export type Consent = z.infer<typeof consentSchema>;

// ---- Normalisation rules, shared with the import ----

// z.email()'s own rule, tested directly: the import checks a million addresses, and a parse costs twice the test.
const emailShape = z.regexes.email;

/** Trimmed and lower-cased, or undefined when it is not an address with a dotted domain. */
export function normaliseEmail(raw: string): string | undefined {
  const email = raw.trim().toLowerCase();
  return emailShape.test(email) ? email : undefined;
}

/** E.164, or undefined when the number is not valid for its country (the default country when it has no prefix). */
export function normalisePhone(raw: string, defaultCountry: string): string | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  try {
    // "0044 ..." is how many people write the international prefix from the UK and Europe.
    const phone = parsePhoneNumberWithError(text.replace(/^00(?=[1-9])/, '+'), defaultCountry as CountryCode);
    return phone.isValid() ? phone.number : undefined;
  } catch {
    return undefined;
  }
}

const UK_POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/;
const CANONICAL_UK_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$/;

/**
 * Upper case with single spaces; a UK postcode (for the GB default country) is also given its one space
 * before the inward code, however it was written ("sw161yd" becomes "SW16 1YD").
 */
export function normalisePostcode(raw: string, defaultCountry: string): string {
  if (defaultCountry === 'GB') {
    // Most postcodes in an export are written the canonical way already: one test instead of four steps.
    if (CANONICAL_UK_POSTCODE.test(raw)) return raw;
    const uk = UK_POSTCODE.exec(raw.replace(/\s+/g, '').toUpperCase());
    if (uk) return `${uk[1]} ${uk[2]}`;
  }
  return raw.trim().replace(/\s+/g, ' ').toUpperCase();
}

export { normaliseLanguage };

/** Trimmed, single-spaced, lower-case and without repeats, in their first order. */
export function normaliseTags(tags: readonly string[]): string[] {
  // A record has a few tags: a list is cheaper to search than a set is to build, up to a dozen or so.
  const normalised: string[] = [];
  const seen = tags.length > 12 ? new Set<string>() : undefined;
  for (const value of tags) {
    let tag = value.trim();
    // Most tags have no run of spaces, nor tabs or line breaks, to replace: a test is cheaper than a replace.
    if (SPACES_TO_FOLD.test(tag)) tag = tag.replace(/\s+/g, ' ');
    if (tag === '') continue;
    tag = tag.toLowerCase();
    if (seen ? seen.has(tag) : normalised.includes(tag)) continue;
    seen?.add(tag);
    normalised.push(tag);
  }
  return normalised;
}

const SPACES_TO_FOLD = /\s\s|[^\S ]/;

export type ContactDraft = Omit<Contact, 'id' | 'createdAt' | 'updatedAt'>;

interface Context {
  defaultCountry: string;
  now: string;
}

type Outcome = { ok: true; draft: ContactDraft } | { ok: false; issues: FieldIssue[] };

/** The contact a create request describes, with values normalised, or the field issues that stop it. */
export function contactFromCreate(body: CreateContactBody, context: Context): Outcome {
  const { consent, tags, attributes, ...fields } = body;
  return finish(
    {
      ...fields,
      tags: normaliseTags(tags ?? []),
      consent: {
        email: consent?.email && stampConsent(consent.email, context.now),
        sms: consent?.sms && stampConsent(consent.sms, context.now),
      },
      attributes: attributes ?? {},
    },
    context,
  );
}

/** The contact after a PATCH, with values normalised, or the field issues that stop it. */
export function contactAfterUpdate(current: Contact, body: UpdateContactBody, context: Context): Outcome {
  const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...draft } = current;
  const next: ContactDraft = { ...draft, consent: { ...draft.consent }, attributes: { ...draft.attributes } };
  const { consent, tags, attributes, ...fields } = body;
  for (const [key, value] of Object.entries(fields) as [keyof typeof fields, string | null | undefined][]) {
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else next[key] = value;
  }
  if (tags !== undefined) next.tags = normaliseTags(tags);
  for (const channel of CHANNELS) {
    const change = consent?.[channel];
    if (change === null) delete next.consent[channel];
    else if (change !== undefined) next.consent[channel] = stampConsent(change, context.now);
  }
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value === null) delete next.attributes[key];
    else next.attributes[key] = value;
  }
  return finish(next, context);
}

function stampConsent(consent: z.infer<typeof consentInputSchema>, now: string): Consent {
  return { granted: consent.granted, source: consent.source, timestamp: consent.timestamp ?? now };
}

function finish(draft: ContactDraft, context: Context): Outcome {
  const issues: FieldIssue[] = [];
  const result: ContactDraft = { ...draft, consent: withoutUndefined(draft.consent) };
  if (draft.email !== undefined) {
    const email = normaliseEmail(draft.email);
    if (email === undefined) issues.push({ path: 'body.email', message: 'expected a valid email address' });
    else result.email = email;
  }
  for (const field of ['phone', 'landline'] as const) {
    const raw = draft[field];
    if (raw === undefined) continue;
    const number = normalisePhone(raw, context.defaultCountry);
    if (number === undefined)
      issues.push({
        path: `body.${field}`,
        message: `expected a valid phone number (international, or national for ${context.defaultCountry})`,
      });
    else result[field] = number;
  }
  if (draft.postcode !== undefined) result.postcode = normalisePostcode(draft.postcode, context.defaultCountry);
  if (draft.language !== undefined) {
    const language = normaliseLanguage(draft.language);
    if (language === undefined)
      issues.push({ path: 'body.language', message: 'expected a language code such as en, cy or pt-BR' });
    else result.language = language;
  }
  if (draft.email === undefined && draft.phone === undefined && draft.landline === undefined)
    issues.push({ path: 'body', message: 'a contact needs an email, a mobile phone or a landline' });
  if (Object.keys(result.attributes).length > CONTACT_LIMITS.attributes)
    issues.push({ path: 'body.attributes', message: `at most ${CONTACT_LIMITS.attributes} custom attributes` });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, draft: result };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** One page of contacts, as listings and segment members answer it. */
export const contactPageSchema = z.object({ items: z.array(contactSchema), nextCursor: z.string().optional() });
export type ContactPage = z.infer<typeof contactPageSchema>;
