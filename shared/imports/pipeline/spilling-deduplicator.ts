// Over 300 lines, on purpose. One algorithm in two passes (spill every record's keys to disk, then resolve chunk by chunk); both passes
// read the spill format written here, so they stay in one file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ImportedPerson, PERSON_TEXT_FIELDS } from '../import-record';
import { bucketOf, readLines, SpillWriter } from './spill-files';

/** Records per chunk of the resolution pass; what a chunk needs in memory is its records' shared keys only. */
const CHUNK = 1 << 18;
const KEY_BUCKETS = 256;
/**
 * Records whose spill lines are written at once: one write of many lines costs far less than many writes, but
 * lines kept waiting outlive young-generation collections and are copied by each (512 measured best of 256-2,048).
 */
const PENDING_RECORDS = 512;
const CONTACT_BUCKETS = 64;
const EMAIL = 1;
const PHONE = 2;

/** The records of a file that make one contact. */
export interface ContactRecords {
  /** Each record's own person, in file order: the first, then those merged into it (conflicts not included). */
  people: ImportedPerson[];
  /** Later records merged into the contact whose phone belonged to another contact. */
  conflicts: number;
}

/** Receives each merged contact; a returned promise is awaited before the next (back-pressure). */
export type OnContact = (person: ImportedPerson, records: ContactRecords) => void | Promise<void>;

export interface MergeCounts {
  /** Records that merged into an earlier record's contact. */
  merged: number;
  /** Records whose email and phone belonged to two different contacts (merged into the email's). */
  conflicts: number;
  /** Records whose mobile an earlier contact with another email holds: contacts of their own, without it. */
  phoneHeldByOther: number;
}

/**
 * Merges the records of one file that are the same person, with memory that does not grow with the file: the
 * records and their keys go to spill files, and only what concerns keys that occur more than once is held
 * in memory (plus a byte per record).
 *
 * The rules are those of the import: the first record makes the contact; a later record with a claimed email
 * merges into that email's contact, else into its phone's; it fills the contact's blanks and adds its tags;
 * a value it fills in is claimed for the contact if no other contact holds it; a record whose email and phone
 * belong to two different contacts merges into the email's and keeps its phone out (a conflict).
 *
 * 1. `add` writes each record (its fields split by control characters, `encodePerson`) to one file and each
 *    of its keys, with the record's number, to a file chosen by the key's hash (PENDING_RECORDS at a time).
 * 2. `finish` reads each key file alone and finds the keys that occur more than once; every occurrence of
 *    such a key is noted against its record, in files by record number.
 * 3. It then reads the records in order, a chunk at a time, and applies the rules above using only the
 *    shared keys. A record with none is a contact that nothing merges into: it is handed on at once. The
 *    others go, under their contact, to files chosen by the contact.
 * 4. Each contact file is read alone, its records merged in order, and each contact handed on.
 */
export class SpillingDeduplicator {
  private readonly dir: string;
  private readonly records: SpillWriter;
  private readonly keys: SpillWriter[];
  private count = 0;
  private readonly chunk: number;
  private pendingRecords: string[] = [];
  /** Key lines not yet written, by key file (sparse). */
  private pendingKeys: string[][] = [];

  /** `chunkRecords` is for tests, to cross chunk boundaries with few records. */
  constructor(parentDir = tmpdir(), options: { chunkRecords?: number } = {}) {
    this.chunk = options.chunkRecords ?? CHUNK;
    this.dir = mkdtempSync(join(parentDir, 'voxcitio-merge-'));
    this.records = new SpillWriter(join(this.dir, 'records'), 256 * 1024, RECORD_END);
    this.keys = Array.from({ length: KEY_BUCKETS }, (_, b) => new SpillWriter(join(this.dir, `keys-${b}`), 32 * 1024));
  }

  add(person: ImportedPerson): void {
    const record = this.count++;
    this.pendingRecords.push(encodePerson(person));
    if (person.email !== undefined) this.addKey(`e${person.email}`, record);
    if (person.phone !== undefined) this.addKey(`p${person.phone}`, record);
    if (this.pendingRecords.length === PENDING_RECORDS) this.writePending();
  }

  private addKey(key: string, record: number): void {
    const bucket = bucketOf(key, KEY_BUCKETS);
    const lines = this.pendingKeys[bucket];
    if (lines) lines.push(`${key}\t${record}`);
    else this.pendingKeys[bucket] = [`${key}\t${record}`];
  }

  /** Writes the waiting lines, PENDING_RECORDS records' worth at a time (see there). */
  private writePending(): void {
    if (this.pendingRecords.length > 0) this.records.write(this.pendingRecords.join(RECORD_END_CHAR));
    this.pendingRecords = [];
    this.pendingKeys.forEach((lines, bucket) => {
      (this.keys[bucket] as SpillWriter).write(lines.join('\n'));
    });
    this.pendingKeys = [];
  }

  /** Hands on every contact once, merged; returns how many records merged. Removes its files. */
  async finish(onContact: OnContact): Promise<MergeCounts> {
    try {
      this.writePending();
      this.records.close();
      for (const file of this.keys) file.close();
      const { sharedKeys, chunks } = this.findSharedKeys();
      const counts = await this.resolve(sharedKeys, chunks, onContact);
      await this.mergeContacts(onContact);
      return counts;
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  /** Gives up without finishing (the import failed): removes the files. */
  discard(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Pass 2: numbers each key that occurs more than once, and notes its occurrences by record. */
  private findSharedKeys() {
    const chunks = Math.max(1, Math.ceil(this.count / this.chunk));
    const notes = Array.from({ length: chunks }, (_, c) => new SpillWriter(join(this.dir, `shared-${c}`)));
    const note = (record: number, kind: string, id: number) =>
      (notes[Math.floor(record / this.chunk)] as SpillWriter).write(`${record}\t${kind}\t${id}`);
    let sharedKeys = 0;
    for (const file of this.keys) {
      // The first record of a key (>= 0), or -(id + 1) once it has occurred again.
      const seen = new Map<string, number>();
      for (const line of readLines(file.path)) {
        const tab = line.lastIndexOf('\t');
        const key = line.slice(0, tab);
        const record = Number(line.slice(tab + 1));
        const earlier = seen.get(key);
        if (earlier === undefined) {
          seen.set(key, record);
          continue;
        }
        let id = -earlier - 1;
        if (earlier >= 0) {
          id = sharedKeys++;
          seen.set(key, -(id + 1));
          note(earlier, key.charAt(0), id);
        }
        note(record, key.charAt(0), id);
      }
    }
    for (const file of notes) file.close();
    return { sharedKeys, chunks };
  }

  /** Pass 3: the records in order, each to its contact by the import's rules. */
  private async resolve(sharedKeys: number, chunks: number, onContact: OnContact): Promise<MergeCounts> {
    const claimedBy = new Int32Array(sharedKeys).fill(-1);
    const fieldsOf = new Uint8Array(this.count);
    const contactFiles = Array.from(
      { length: CONTACT_BUCKETS },
      (_, b) => new SpillWriter(join(this.dir, `contacts-${b}`), undefined, RECORD_END),
    );
    const toContact = (contact: number, how: 'first' | 'merge' | 'conflict', encoded: string) =>
      (contactFiles[contact % CONTACT_BUCKETS] as SpillWriter).write(`${contact}\t${how}\t${encoded}`);
    const counts: MergeCounts = { merged: 0, conflicts: 0, phoneHeldByOther: 0 };
    const records = readLines(join(this.dir, 'records'), RECORD_END);

    for (let chunk = 0; chunk < chunks; chunk++) {
      const shared = new Map<number, { e?: number; p?: number }>();
      for (const line of readLines(join(this.dir, `shared-${chunk}`))) {
        const [record, kind, id] = line.split('\t') as [string, 'e' | 'p', string];
        const entry = shared.get(Number(record)) ?? {};
        entry[kind] = Number(id);
        shared.set(Number(record), entry);
      }
      const end = Math.min(this.count, (chunk + 1) * this.chunk);
      for (let record = chunk * this.chunk; record < end; record++) {
        const encoded = records.next().value as string;
        const ids = shared.get(record);
        const person = decodePerson(encoded);
        if (!ids) {
          const handed = onContact(person, { people: [person], conflicts: 0 });
          if (handed) await handed;
          continue;
        }
        const byEmail = ids.e === undefined ? -1 : (claimedBy[ids.e] as number);
        const byPhone = ids.p === undefined ? -1 : (claimedBy[ids.p] as number);
        const target = byEmail >= 0 ? byEmail : byPhone;
        // The same mobile with another email is another person (the import's rule): a contact of its own, without it.
        if (
          byEmail < 0 &&
          byPhone >= 0 &&
          person.email !== undefined &&
          ((fieldsOf[byPhone] as number) & EMAIL) !== 0
        ) {
          counts.phoneHeldByOther++;
          const { phone: _shared, ...apart } = person;
          fieldsOf[record] = EMAIL;
          if (ids.e !== undefined) claimedBy[ids.e] = record;
          toContact(record, 'first', encodePerson(apart));
          continue;
        }
        if (target < 0) {
          fieldsOf[record] = (person.email !== undefined ? EMAIL : 0) | (person.phone !== undefined ? PHONE : 0);
          if (ids.e !== undefined) claimedBy[ids.e] = record;
          if (ids.p !== undefined) claimedBy[ids.p] = record;
          toContact(record, 'first', encoded);
          continue;
        }
        counts.merged++;
        const conflict = byEmail >= 0 && byPhone >= 0 && byEmail !== byPhone;
        if (conflict) counts.conflicts++;
        // A value the record fills in becomes the contact's, and is claimed for it if no one holds it yet.
        const fields = fieldsOf[target] as number;
        if (!(fields & EMAIL) && person.email !== undefined) {
          fieldsOf[target] = (fieldsOf[target] as number) | EMAIL;
          if (ids.e !== undefined && (claimedBy[ids.e] as number) < 0) claimedBy[ids.e] = target;
        }
        if (!conflict && !(fields & PHONE) && person.phone !== undefined) {
          fieldsOf[target] = (fieldsOf[target] as number) | PHONE;
          if (ids.p !== undefined && (claimedBy[ids.p] as number) < 0) claimedBy[ids.p] = target;
        }
        toContact(target, conflict ? 'conflict' : 'merge', encoded);
      }
    }
    for (const file of contactFiles) file.close();
    return counts;
  }

  /** Pass 4: each contact file alone, its records merged in file order (which is record order). */
  private async mergeContacts(onContact: OnContact): Promise<void> {
    for (let bucket = 0; bucket < CONTACT_BUCKETS; bucket++) {
      const open = new Map<number, { person: ImportedPerson; records: ContactRecords }>();
      for (const line of readLines(join(this.dir, `contacts-${bucket}`), RECORD_END)) {
        const first = line.indexOf('\t');
        const second = line.indexOf('\t', first + 1);
        const contact = Number(line.slice(0, first));
        const how = line.slice(first + 1, second);
        const person = decodePerson(line.slice(second + 1));
        if (how === 'first') {
          // The contact is merged into a copy: the first record's own person stays as it was read.
          open.set(contact, { person: structuredClone(person), records: { people: [person], conflicts: 0 } });
          continue;
        }
        const target = open.get(contact) as { person: ImportedPerson; records: ContactRecords };
        if (how === 'conflict') target.records.conflicts++;
        else target.records.people.push(person);
        mergeInto(target.person, how === 'conflict' ? { ...person, phone: undefined } : person);
      }
      for (const { person, records } of open.values()) {
        const handed = onContact(person, records);
        if (handed) await handed;
      }
    }
  }
}

type TextField = (typeof PERSON_TEXT_FIELDS)[number];
// Every field of a person is spilled: adding one to ImportedPerson without spilling it fails to compile.
const everyFieldSpilled: Exclude<
  keyof ImportedPerson,
  TextField | 'consentEmail' | 'consentSms' | 'consentEvidence' | 'tags' | 'attributes'
> extends never
  ? true
  : never = true;
void everyFieldSpilled;

/** Between a person's fields; between tags, and between attributes; between an attribute's name and value. */
const FIELD = '\u0001';
const ITEM = '\u0002';
const NAME = '\u0003';
/** Starts a person spilled as JSON, because its values hold the characters above (or RECORD_END). */
const AS_JSON = '\u0004';
/** Ends a person in the records and contact files (their lines are people, whose values may hold line breaks). */
const RECORD_END = 0x00;
const RECORD_END_CHAR = String.fromCharCode(RECORD_END);
const HIGHEST_MARK = 0x04;

/**
 * A person as its fields in a fixed order, split by control characters (a blank is empty, a consent 1 or 0):
 * cheaper to write and to read back than JSON, and smaller. A person whose values hold one of those control
 * characters (which no export is expected to, but any file may) is spilled as JSON instead.
 */
export function encodePerson(person: ImportedPerson): string {
  // An empty value or a lone empty tag would read back as a blank or no tags, and consent evidence (times,
  // opt-outs: few files have it) has no slot: JSON keeps them as they are.
  if ((person.tags.length === 1 && person.tags[0] === '') || person.consentEvidence)
    return AS_JSON + JSON.stringify(person);
  // Joined from an array rather than added up: one flat string, not a chain of a score of pieces.
  const fields: string[] = [];
  for (const field of PERSON_TEXT_FIELDS) {
    const value = person[field];
    if (value === '') return AS_JSON + JSON.stringify(person);
    fields.push(value ?? '');
  }
  fields.push(consentMark(person.consentEmail), consentMark(person.consentSms), person.tags.join(ITEM));
  let attributes = 0;
  let pairs = '';
  for (const name in person.attributes) {
    if (!Object.hasOwn(person.attributes, name)) continue;
    pairs += (attributes++ === 0 ? '' : ITEM) + name + NAME + person.attributes[name];
  }
  fields.push(pairs);
  const line = fields.join(FIELD);
  // The marks a person's values hold, if any, are found by counting: there are exactly this many of our own.
  const expected =
    PERSON_TEXT_FIELDS.length + 3 + Math.max(0, person.tags.length - 1) + Math.max(0, 2 * attributes - 1);
  let marks = 0;
  for (let at = 0; at < line.length; at++) if (line.charCodeAt(at) <= HIGHEST_MARK) marks++;
  return marks === expected ? line : AS_JSON + JSON.stringify(person);
}

export function decodePerson(line: string): ImportedPerson {
  if (line.charCodeAt(0) === AS_JSON.charCodeAt(0)) return JSON.parse(line.slice(1)) as ImportedPerson;
  // Read along the line rather than split it: no array of the fields is made only to be taken apart.
  const person: ImportedPerson = { tags: [], attributes: {} };
  let from = 0;
  for (const field of PERSON_TEXT_FIELDS) {
    const end = line.indexOf(FIELD, from);
    if (end > from) person[field] = line.slice(from, end);
    from = end + 1;
  }
  const consentEmail = line.charAt(from);
  if (consentEmail !== FIELD) person.consentEmail = consentEmail === '1';
  from = line.indexOf(FIELD, from) + 1;
  const consentSms = line.charAt(from);
  if (consentSms !== FIELD) person.consentSms = consentSms === '1';
  from = line.indexOf(FIELD, from) + 1;
  const tagsEnd = line.indexOf(FIELD, from);
  if (tagsEnd > from) person.tags = line.slice(from, tagsEnd).split(ITEM);
  // The attributes run to the end of the line: name, NAME, value, with ITEM between pairs.
  for (from = tagsEnd + 1; from < line.length; ) {
    const name = line.indexOf(NAME, from);
    let end = line.indexOf(ITEM, name);
    if (end === -1) end = line.length;
    person.attributes[line.slice(from, name)] = line.slice(name + 1, end);
    from = end + 1;
  }
  return person;
}

const consentMark = (consent: boolean | undefined) => (consent === undefined ? '' : consent ? '1' : '0');

/** Fills the blanks of `existing` from `incoming` and unites their tags and attributes. */
export function mergeInto(existing: ImportedPerson, incoming: ImportedPerson): void {
  for (const key of Object.keys(incoming) as (keyof ImportedPerson)[]) {
    if (key === 'tags' || key === 'attributes') continue;
    if (existing[key] === undefined && incoming[key] !== undefined)
      (existing as unknown as Record<string, unknown>)[key] = incoming[key];
  }
  for (const tag of incoming.tags) if (!existing.tags.includes(tag)) existing.tags.push(tag);
  for (const [key, value] of Object.entries(incoming.attributes))
    if (!Object.hasOwn(existing.attributes, key)) existing.attributes[key] = value;
}
