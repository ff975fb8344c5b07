/**
 * What a generated person holds, in the order a file's columns follow. Declared here rather than taken from
 * the import's field list: the ground truth must not come from the code it checks.
 */
export const PERSON_FIELDS = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'postcode',
  'ward',
  'tags',
  'language',
  'consent_email',
  'consent_sms',
  'external_id',
  'address',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

/**
 * How one kind of export writes its file: the header names it gives each field (null: it has no such
 * column), its delimiter and line ending, how it writes yes and no, and how it joins tags.
 */
export interface Layout {
  delimiter: string;
  lineEnding: '\n' | '\r\n';
  tagSeparator: string;
  /** Words that mean consent given, and refused; a person's word is picked from these at random. */
  yes: readonly string[];
  no: readonly string[];
  /** A single name column before the others, written "SURNAME, First" or "First Last". */
  fullNameHeader?: string;
  headers: Record<PersonField, string | null>;
}

/** The three header styles councils' files come in. */
export const LAYOUTS = {
  /** A CRM's export: spelled-out headers, a quoted multi-line address, LF line endings. */
  crm: {
    delimiter: ',',
    lineEnding: '\n',
    tagSeparator: '; ',
    yes: ['Yes', 'Y', 'TRUE', '1'],
    no: ['No', 'N', 'FALSE', '0', ''],
    headers: {
      first_name: 'First Name',
      last_name: 'Last Name',
      email: 'E-mail Address',
      phone: 'Mobile',
      postcode: 'Post Code',
      ward: 'Ward',
      tags: 'Interests',
      language: 'Preferred Language',
      consent_email: 'Email Opt-In',
      consent_sms: 'SMS Opt-In',
      external_id: 'Resident ID',
      address: 'Address',
    },
  },
  /** A council spreadsheet saved by Excel in a European locale: semicolons, CRLF, Dutch yes/no words too. */
  council: {
    delimiter: ';',
    lineEnding: '\r\n',
    tagSeparator: '|',
    yes: ['yes', 'ja', 'x', 'true'],
    no: ['no', 'nee', '', 'false'],
    headers: {
      first_name: 'forename',
      last_name: 'surname',
      email: 'email',
      phone: 'tel',
      postcode: 'postcode',
      ward: 'ward',
      tags: 'topics',
      language: 'lang',
      consent_email: 'email_consent',
      consent_sms: 'sms_consent',
      external_id: 'ref',
      address: null,
    },
  },
  /** An old system's export: capitals, one name column, no language. */
  legacy: {
    delimiter: ',',
    lineEnding: '\r\n',
    tagSeparator: ', ',
    yes: ['Y'],
    no: ['N', ''],
    fullNameHeader: 'Full Name',
    headers: {
      first_name: null,
      last_name: null,
      email: 'EMAIL',
      phone: 'TELEPHONE',
      postcode: 'POSTCODE',
      ward: 'WARD',
      tags: 'GROUPS',
      language: null,
      consent_email: 'EMAIL OK',
      consent_sms: 'TEXT OK',
      external_id: 'CUSTOMER NO',
      address: 'ADDRESS',
    },
  },
} as const satisfies Record<string, Layout>;

export type LayoutName = keyof typeof LAYOUTS;
export const LAYOUT_NAMES = Object.keys(LAYOUTS) as LayoutName[];

/** The fields a layout has a column for, in column order. */
export const layoutFields = (layout: Layout) => PERSON_FIELDS.filter((field) => layout.headers[field] !== null);

export const layoutHeader = (layout: Layout) => [
  ...(layout.fullNameHeader ? [layout.fullNameHeader] : []),
  ...layoutFields(layout).map((field) => layout.headers[field] as string),
];
