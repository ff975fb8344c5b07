import type { ColumnTarget, ImportField } from './import-mapping';

/** Header spellings seen in council CRMs and spreadsheets, compacted (lower case, letters and digits only). */
export const SYNONYMS: Record<string, ColumnTarget> = {};
const synonyms = (target: ColumnTarget, ...names: string[]) => {
  for (const name of names) SYNONYMS[compact(name)] = target;
};
const field = (name: ImportField): ColumnTarget => ({ kind: 'field', field: name });
synonyms(
  field('first_name'),
  'first name',
  'firstname',
  'forename',
  'forenames',
  'given name',
  'first',
  'voornaam',
  'prénom',
  'vorname',
  'enw cyntaf',
  'fname',
  'first_name',
);
synonyms(
  field('last_name'),
  'last name',
  'lastname',
  'surname',
  'family name',
  'last',
  'achternaam',
  'nom',
  'nom de famille',
  'nachname',
  'familienname',
  'cyfenw',
  'lname',
);
synonyms({ kind: 'fullName' }, 'full name', 'fullname', 'name', 'contact name', 'resident name', 'naam', 'enw llawn');
synonyms(
  field('email'),
  'email',
  'e-mail',
  'email address',
  'e-mail address',
  'mail',
  'emailaddress',
  'e mail',
  // Google's typed slots, Outlook's, Salesforce's and NationBuilder's first address
  'e-mail 1 - value',
  'email 1',
  'primary email',
  'email1',
  'courriel',
  'adresse e-mail',
  'adresse électronique',
  'e-mail-adresse',
  'e-bost',
  'cyfeiriad e-bost',
);
/**
 * Phone columns come in three kinds. A mobile column is the contact's `phone` (SMS goes there); a landline
 * column (home, office) is its `landline`; a generic one ("Phone", "Telephone") is either, which the analysis
 * decides from the other columns and the numbers themselves (phone-columns.ts).
 */
export const MOBILE_HEADERS = new Set<string>();
export const GENERIC_PHONE_HEADERS = new Set<string>();
const phoneHeaders = (kind: Set<string> | undefined, target: ColumnTarget, ...names: string[]) => {
  synonyms(target, ...names);
  for (const name of names) kind?.add(compact(name));
};
phoneHeaders(
  MOBILE_HEADERS,
  field('phone'),
  'mobile',
  'mobile number',
  'mobile phone',
  'mobile telephone',
  'cell',
  'cellphone',
  'sms number',
  'gsm',
  'mobile phone number',
  'mobile_number',
  'cell phone',
  'mobil',
  'handy',
  'handynummer',
  'mobiltelefon',
  'mobilnummer',
  'téléphone portable',
  'téléphone mobile',
  'portable',
  'ffôn symudol',
  'rhif ffôn symudol',
);
phoneHeaders(
  GENERIC_PHONE_HEADERS,
  field('phone'),
  'phone',
  'telephone',
  'tel',
  'phone number',
  'telephone number',
  // Google's typed slots: the slot's "Phone N - Type" column says which kind it is
  'phone 1 - value',
  'phone 2 - value',
  'phone 3 - value',
  'telefon',
  'telefonnummer',
  'téléphone',
  'ffôn',
  'rhif ffôn',
);
phoneHeaders(
  undefined,
  field('landline'),
  'landline',
  'home phone',
  'home phone 2',
  'home telephone',
  'home phone number',
  'business phone',
  'business phone 2',
  'business phone number',
  'work phone',
  'office phone',
  'other phone',
  'primary phone',
  'main phone',
  'festnetz',
  'telefon privat',
  'telefon geschäftlich',
  'téléphone fixe',
  'téléphone domicile',
  'téléphone professionnel',
  'ffôn cartref',
  'ffôn gwaith',
);
synonyms(
  field('postcode'),
  'postcode',
  'post code',
  'postal code',
  'zip',
  'zip code',
  'postcode area',
  // Prefixed by the address they belong to, as Outlook, Salesforce, NationBuilder and Google write them
  'home postal code',
  'business postal code',
  'other postal code',
  'mailing zip/postal code',
  'mailing postal code',
  'zip/postal code',
  'primary_zip',
  // Thunderbird
  'zipcode',
  'home zipcode',
  'work zipcode',
  'address 1 - postal code',
  'eircode',
  'plz',
  'postleitzahl',
  'code postal',
  'côd post',
);
synonyms(
  field('country'),
  'country',
  'country code',
  'country_code',
  'cc',
  'primary_country_code',
  'primary_country',
  'country/region',
  'home country/region',
  'home country',
  'business country/region',
  'mailing country',
  'address 1 - country',
  'land',
  'pays',
  'gwlad',
);
synonyms(field('ward'), 'ward', 'electoral ward', 'district', 'neighbourhood', 'neighborhood', 'wijk', 'quartier');
synonyms(
  field('tags'),
  'tags',
  'tag(s)',
  'interests',
  'topics',
  'categories',
  'segments',
  'labels',
  'keywords',
  'group membership',
  'tag_list',
);
/** Group columns (CiviCRM's "Group(s)", NationBuilder's lists) are tags too, but a tags column beside them is preferred. */
export const GROUP_HEADERS = new Set(['groups', 'group(s)', 'group', 'lists', 'mailing lists'].map(compact));
synonyms(field('tags'), 'groups', 'group(s)', 'group', 'lists', 'mailing lists');
synonyms(field('language'), 'language', 'lang', 'preferred language', 'locale', 'taal', 'sprache', 'langue', 'iaith');
synonyms(
  field('consent_email'),
  'email opt-in',
  'email_opt_in',
  'email consent',
  'email_consent',
  'email ok',
  'email optin',
  'consent email',
  'email permission',
  'email marketing',
  'newsletter',
  'newsletter ja/nein',
  'subscribed',
  'accepts email marketing',
  'accepts marketing',
  'email subscription',
);
synonyms(
  field('consent_sms'),
  'sms opt-in',
  'sms_opt_in',
  'sms consent',
  'sms_consent',
  'text ok',
  'sms ok',
  'sms optin',
  'consent sms',
  'text consent',
  'sms permission',
  'accepts sms marketing',
  'mobile_opt_in',
  'mobile opt-in',
);
/**
 * Headers that name consent without saying what yes means ("Marketing": yes to it, or yes to being left
 * out?). The analysis never guesses these: it asks (`choices`), and maps nothing until a person answers.
 */
export const UNSURE_CONSENT_HEADERS = new Set<string>();
for (const [channel, names] of [
  [
    'consent_email',
    [
      'marketing',
      'email marketing status',
      'email status',
      'email preference',
      'email preferences',
      'mailing list',
      'gdpr',
      'consent',
      'permission',
    ],
  ],
  ['consent_sms', ['sms marketing', 'sms status', 'text messages', 'sms preference']],
] as const) {
  synonyms(field(channel), ...names);
  for (const name of names) UNSURE_CONSENT_HEADERS.add(compact(name));
}
// Opt-out columns, as Salesforce, HubSpot, CiviCRM, NationBuilder and Dynamics write them: yes is a refusal.
synonyms(
  { kind: 'field', field: 'consent_email', polarity: 'opt_out' },
  'do not email',
  'donotemail',
  'email opt out',
  'emailoptout',
  'hasoptedoutofemail',
  'email_opt_out',
  'no bulk emails',
  'no bulk emails (user opt out)',
  'unsubscribed from all email',
  'unsubscribed',
  'email unsubscribed',
  'is opt out',
);
synonyms(
  { kind: 'field', field: 'consent_sms', polarity: 'opt_out' },
  'do not sms',
  'donotsms',
  'sms opt out',
  'sms_opt_out',
  'do not text',
  'sms unsubscribed',
);
// When the status was given: Mailchimp's double opt-in confirmation (else its sign-up), or its unsubscribe
// and clean times in those exports (where the whole file is refused: fileConsent).
synonyms(
  field('consent_email_time'),
  'confirm_time',
  'optin_time',
  'unsub_time',
  'clean_time',
  'email opt-in date',
  'consent date',
);
synonyms(field('consent_sms_time'), 'sms opt-in date', 'sms consent date');
synonyms(
  field('external_id'),
  'id',
  'ref',
  'reference',
  'resident id',
  'customer no',
  'customer number',
  'customer id',
  'contact id',
  'crm id',
  'external id',
  'record id',
  'nationbuilder_id',
  'kundennummer',
);

export function compact(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
