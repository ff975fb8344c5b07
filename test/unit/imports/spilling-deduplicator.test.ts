import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportedPerson } from '../../../shared/imports/import-record';
import { readLines, SpillWriter } from '../../../shared/imports/pipeline/spill-files';
import {
  type ContactRecords,
  decodePerson,
  encodePerson,
  mergeInto,
  SpillingDeduplicator,
} from '../../../shared/imports/pipeline/spilling-deduplicator';
import { CPU_HEAVY_TEST_MS } from '../../support/eventually';
import { ReferenceDeduplicator } from '../../support/reference-deduplicator';
import { random } from '../../support/survey-fixtures';

/** People drawn from small pools of emails and phones, so records collide, chain and conflict often. */
function people(seed: number, count: number): ImportedPerson[] {
  const r = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const person: ImportedPerson = { tags: [], attributes: {} };
    const channels = r.int(0, 2);
    if (channels !== 1) person.email = `p${r.int(0, count / 3)}@example.org`;
    if (channels !== 0) person.phone = `+4477009${String(r.int(0, count / 3)).padStart(5, '0')}`;
    if (r.chance(0.5)) person.firstName = `Name ${i}`;
    if (r.chance(0.3)) person.ward = r.pick(['North', 'South']);
    if (r.chance(0.4)) person.consentEmail = r.chance(0.5);
    if (r.chance(0.4)) person.consentSms = r.chance(0.5);
    person.tags = r.shuffle(['parks', 'roads', 'youth', 'arts']).slice(0, r.int(0, 3));
    if (r.chance(0.3)) person.attributes[r.pick(['a', 'b'])] = `v${i}`;
    return person;
  });
}

const canonical = (person: ImportedPerson) => JSON.stringify(person, Object.keys(person).sort());

describe('merging records through spill files', { timeout: CPU_HEAVY_TEST_MS }, () => {
  it.each([
    [1, 50, 7],
    [2, 500, 13],
    [3, 3000, 256],
    [4, 3000, 1 << 18],
  ])(
    'gives exactly what merging in memory gives (seed %i, %i records, chunks of %i)',
    async (seed, count, chunkRecords) => {
      const input = people(seed, count);
      const reference = new ReferenceDeduplicator();
      let merged = 0;
      let conflicts = 0;
      let phoneHeldByOther = 0;
      for (const person of structuredClone(input)) {
        const outcome = reference.add(person);
        if (outcome.merged) merged++;
        if (outcome.conflict) conflicts++;
        if (outcome.phoneHeldByOther) phoneHeldByOther++;
      }
      expect(conflicts).toBeGreaterThan(0);
      expect(phoneHeldByOther).toBeGreaterThan(0);

      const spilling = new SpillingDeduplicator(tmpdir(), { chunkRecords });
      for (const person of structuredClone(input)) spilling.add(person);
      const contacts: ImportedPerson[] = [];
      const recordsPerContact: ContactRecords[] = [];
      const counts = await spilling.finish((person, records) => {
        contacts.push(person);
        recordsPerContact.push(records);
      });

      expect(counts).toEqual({ merged, conflicts, phoneHeldByOther });
      expect(recordsPerContact.reduce((sum, r) => sum + r.people.length - 1 + r.conflicts, 0)).toBe(merged);
      expect(recordsPerContact.reduce((sum, r) => sum + r.conflicts, 0)).toBe(conflicts);
      expect(contacts.map(canonical).sort()).toEqual(reference.people.map(canonical).sort());
    },
  );

  it('awaits each contact it hands on before the next', async () => {
    const spilling = new SpillingDeduplicator(tmpdir(), { chunkRecords: 7 });
    for (const person of people(7, 200)) spilling.add(person);
    let inFlight = 0;
    let most = 0;
    await spilling.finish(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
    });
    expect(most).toBe(1);
  });

  it('leaves no files behind, finished or discarded', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'voxcitio-test-'));
    const finished = new SpillingDeduplicator(parent);
    for (const person of people(5, 100)) finished.add(person);
    await finished.finish(() => undefined);
    const discarded = new SpillingDeduplicator(parent);
    discarded.add(people(6, 1)[0] as ImportedPerson);
    discarded.discard();
    expect(readdirSync(parent)).toEqual([]);
  });

  it('spills a person whole and reads back the same person, blanks left out', () => {
    const everything: ImportedPerson = {
      firstName: 'Zoë',
      lastName: 'O\'Brien "Jr"',
      email: 'zoe@example.org',
      phone: '+447700900123',
      postcode: 'SW16 1YD',
      ward: 'Eastfield',
      language: 'pt-BR',
      externalId: 'R1',
      consentEmail: false,
      consentSms: true,
      tags: ['housing', 'older people'],
      attributes: { address: 'Flat 7\n84 Victoria Road', note: '𝄞 null' },
    };
    expect(decodePerson(encodePerson(everything))).toEqual(everything);
    const blank = decodePerson(encodePerson({ phone: '+447700900123', tags: [], attributes: {} }));
    expect(blank).toStrictEqual({ phone: '+447700900123', tags: [], attributes: {} });
  });

  it('reads back the same person whatever characters its values hold', () => {
    const odd = ['\u0000', '\u0001', '\u0002', '\u0003', '\u0004', '\t', '\r\n', 'a\u0001b\u0002c\u0003', ''];
    const base: ImportedPerson = { email: 'a@example.org', tags: ['x'], attributes: { note: 'n' } };
    const variants: ImportedPerson[] = [
      { ...base, tags: [''] },
      { ...base, tags: ['', 'a'] },
      { ...base, tags: [] },
      { ...base, attributes: {} },
      { ...base, attributes: { '': '' } },
      { ...base, attributes: { a: '', b: 'x' } },
      { ...base, consentEmail: true, consentSms: false },
    ];
    for (const text of odd) {
      variants.push({ ...base, firstName: text }, { ...base, lastName: `${text}x${text}` });
      variants.push({ ...base, tags: [text, 'y'] }, { ...base, tags: ['y', text, 'z'] });
      variants.push({ ...base, attributes: { [text]: 'v' } }, { ...base, attributes: { k: text, l: text } });
    }
    for (const person of variants) {
      const encoded = encodePerson(person);
      // The spill files end each person with U+0000.
      expect(encoded.startsWith('\u0004') || !encoded.includes('\u0000'), JSON.stringify(person)).toBe(true);
      expect(encoded.startsWith('\u0004') && encoded.slice(1).includes('\u0000')).toBe(false);
      expect(decodePerson(encoded), JSON.stringify(person)).toStrictEqual(person);
    }
  });

  it('merges an attribute named like a property of every object as any other', () => {
    const first: ImportedPerson = { email: 'a@example.org', tags: [], attributes: { note: 'first' } };
    mergeInto(first, { tags: [], attributes: { constructor: 'c', note: 'later' } });
    expect(first.attributes).toEqual({ note: 'first', constructor: 'c' });
  });
});

describe('spill files', () => {
  it('read back every line as written, across chunk boundaries and whatever it starts with', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voxcitio-test-'));
    const lines = ['\ufeffZoë', '', '𝄞 ümlaut\nline', 'plain', 'é'.repeat(100)];
    for (const [lineEnd, end] of [
      [0x0a, '\n'],
      [0x00, '\u0000'],
    ] as const) {
      const path = join(dir, `lines-${lineEnd}`);
      const writer = new SpillWriter(path, 16, lineEnd);
      const written = lineEnd === 0x00 ? lines : lines.filter((line) => !line.includes('\n'));
      for (const line of written) writer.write(line);
      writer.close();
      for (const chunkBytes of [1, 3, 7, 1 << 20])
        expect([...readLines(path, lineEnd, chunkBytes)], end).toEqual(written);
    }
  });
});
