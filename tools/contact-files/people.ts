import { fitsWindows1252 } from './encodings.ts';
import type { Random } from './random.ts';

/** A person as a correct import stores them: the values the ground truth expects, already normalised. */
export interface Person {
  first_name: string;
  last_name: string;
  email: string;
  /** E.164, or empty. */
  phone: string;
  postcode: string;
  ward: string;
  tags: string[];
  language: string;
  consent_email: boolean;
  consent_sms: boolean;
  external_id: string;
  address: string;
}

// Names as councils hold them: accents, apostrophes, hyphens, particles, and (in the UTF-8 files) other
// scripts. A Windows-1252 file can only hold the ones that fit it. (Lists stay packed: one name a line
// would make this file a list of lines.)
// biome-ignore format: packed lists
const FIRST_NAMES = [
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Noah', 'Oliver', 'George', 'Arthur', 'Muhammad', 'Leo', 'Harry',
  'Élodie', 'José', 'Zoë', 'Søren', 'Siân', 'Ciarán', 'François', 'Agnieszka', 'Björn', 'Chloé', 'Rónán',
  'Ångström', 'Aisha', 'Priya', 'Kwame', 'Chidi', 'Mateo', 'Lucía', 'Hélène', 'Jürgen', "D'Arcy", 'Anne-Marie',
];
// biome-ignore format: packed lists
const LAST_NAMES = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Khan', "O'Connor",
  'Müller', 'García', 'Nuñez', 'Łukasz', 'Dupont-Moreau', 'MacDonald', 'van der Berg', 'Ó Briain', 'Núñez',
  'Søndergaard',
];
// biome-ignore format: packed lists
const OTHER_SCRIPT_FIRST_NAMES = ['민준', '서연', '지호', '하은', 'Nguyễn Văn', 'Đức', 'Ђорђе', 'Αλέξανδρος', 'أحمد'];
// biome-ignore format: packed lists
const OTHER_SCRIPT_LAST_NAMES = ['김', '이', '박', '최', 'Trần', 'Phạm', 'Јовановић', 'Παπαδόπουλος', 'حسن'];
// biome-ignore format: packed lists
const WARDS = ['Central', 'Riverside', 'Northgate', 'Eastfield', 'Westbrook', 'Hillcrest', 'Old Town', 'Harbour'];
// biome-ignore format: packed lists
const TAGS = ['parks', 'cycling', 'housing', 'schools', 'transport', 'waste', 'libraries', 'youth', 'older people', 'business'];
const LANGUAGES = ['en', 'en', 'en', 'cy', 'pl', 'ko', 'fr', 'es'];
const DOMAINS = ['example.org', 'example.net', 'example.com', 'mail.example.org'];
// biome-ignore format: packed lists
const STREETS = ['High Street', 'Station Road', 'Church Lane', 'Mill Road', 'Park Avenue', 'Victoria Road', 'Queen’s Walk'];
const POSTCODE_AREAS = ['AB', 'B', 'CF', 'LS', 'M', 'NE', 'SW', 'EH', 'BS', 'NG'];
const POSTCODE_LETTERS = [...'ABDEFGHJLNPQRSTUWXYZ'];
/** UK mobile ranges (07 1…, 07 3…, …) that libphonenumber's metadata holds valid for every number in them. */
const MOBILE_RANGES = ['1', '3', '4', '5', '8'];
/** A range no generated person's own number is in: numbers made up for a record that needs one. */
const SPARE_MOBILE_RANGE = '2';

/** Values a correct import drops with a warning, or (the record's only channel) rejects the record for. */
// biome-ignore format: packed lists
export const INVALID_EMAILS = ['john at example.org', 'mary@', '@example.net', 'n/a', 'bob@@example.com', 'alice@example'];
export const INVALID_PHONES = ['12345', 'n/a', 'call after 6pm', '0', '+44 12'];

/** Lower-case ASCII letters and hyphens of a name, for an email's local part ('' for other scripts). */
const asciiFold = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z-]/g, '')
    .toLowerCase();

/** Makes distinct people: person `i` has an email and a mobile number no other `i` has. */
export function peopleOf(random: Random, { windows1252 }: { windows1252: boolean }) {
  const writable = (list: string[]) => (windows1252 ? list.filter(fitsWindows1252) : list);
  const firstNames = writable(FIRST_NAMES);
  const lastNames = writable(LAST_NAMES);
  const streets = writable(STREETS);
  const street = () => `${random.int(1, 200)} ${random.pick(streets)}`;
  const postcode = () =>
    `${random.pick(POSTCODE_AREAS)}${random.int(1, 20)} ${random.int(0, 9)}${random.pick(POSTCODE_LETTERS)}${random.pick(POSTCODE_LETTERS)}`;
  /** Eight digits that differ for every i below 10^8 (7919 is prime to 10^8). */
  const subscriber = (i: number) => String((i * 7919 + 12345) % 1e8).padStart(8, '0');

  return {
    person(i: number): Person {
      const otherScript = !windows1252 && random.chance(0.08);
      const first = random.pick(otherScript ? OTHER_SCRIPT_FIRST_NAMES : firstNames);
      const last = random.pick(otherScript ? OTHER_SCRIPT_LAST_NAMES : lastNames);
      const hasEmail = random.chance(0.9);
      const hasPhone = !hasEmail || random.chance(0.7);
      const tags = TAGS.filter(() => random.chance(0.18));
      return {
        first_name: first,
        last_name: last,
        email: hasEmail
          ? `${asciiFold(first) || 'resident'}.${asciiFold(last) || 'contact'}.${i}@${random.pick(DOMAINS)}`
          : '',
        phone: hasPhone ? `+447${random.pick(MOBILE_RANGES)}${subscriber(i)}` : '',
        postcode: postcode(),
        ward: random.pick(WARDS),
        tags,
        language: random.pick(LANGUAGES),
        consent_email: hasEmail && random.chance(0.7),
        consent_sms: hasPhone && random.chance(0.5),
        external_id: `R${100000 + i}`,
        // CRM exports often hold a multi-line address: the field is quoted and holds a line break.
        address: random.chance(0.3) ? `Flat ${random.int(1, 9)}\n${street()}` : street(),
      };
    },
    /** A mobile number for record `r` that is no generated person's. */
    spareMobile: (r: number) => `+447${SPARE_MOBILE_RANGE}${subscriber(r)}`,
    spareEmail: (r: number) => `resident.${r}@example.org`,
  };
}

/** One of the ways a UK mobile number is written; the import normalises each to the same E.164 number. */
export function writePhone(random: Random, e164: string) {
  if (!e164) return '';
  const digits = e164.slice(3); // the 10 digits after +44
  const national = `0${digits}`;
  return random.pick([
    `${national.slice(0, 5)} ${national.slice(5)}`,
    `+44 ${digits.slice(0, 4)} ${digits.slice(4)}`,
    e164,
    `0044 ${digits.slice(0, 4)} ${digits.slice(4)}`,
    `(${national.slice(0, 5)}) ${national.slice(5, 8)}-${national.slice(8)}`,
    national,
  ]);
}

/** An email as written by hand: shouted, padded with spaces, or capitalised. */
export const writeEmailMessily = (random: Random, email: string) =>
  email
    ? random.pick([email.toUpperCase(), ` ${email}`, `${email} `, email.replace(/^./, (c) => c.toUpperCase())])
    : email;

/** A postcode as typed in a hurry: lower case, no space. */
export const writePostcodeMessily = (postcode: string) => postcode.toLowerCase().replace(' ', '');
