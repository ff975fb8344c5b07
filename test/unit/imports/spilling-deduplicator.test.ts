import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportedPerson } from '../../../shared/imports/import-record';
import { SpillingDeduplicator } from '../../../shared/imports/spilling-deduplicator';
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

describe('merging records through spill files', () => {
  it.each([
    [1, 50, 7],
    [2, 500, 13],
    [3, 3000, 256],
    [4, 3000, 1 << 18],
  ])('gives exactly what merging in memory gives (seed %i, %i records, chunks of %i)', (seed, count, chunkRecords) => {
    const input = people(seed, count);
    const reference = new ReferenceDeduplicator();
    let merged = 0;
    let conflicts = 0;
    for (const person of structuredClone(input)) {
      const outcome = reference.add(person);
      if (outcome.merged) merged++;
      if (outcome.conflict) conflicts++;
    }
    expect(conflicts).toBeGreaterThan(0);

    const spilling = new SpillingDeduplicator(tmpdir(), { chunkRecords });
    for (const person of structuredClone(input)) spilling.add(person);
    const contacts: ImportedPerson[] = [];
    const counts = spilling.finish((person) => contacts.push(person));

    expect(counts).toEqual({ merged, conflicts });
    expect(contacts.map(canonical).sort()).toEqual(reference.people.map(canonical).sort());
  });

  it('leaves no files behind, finished or discarded', () => {
    const parent = mkdtempSync(join(tmpdir(), 'voxcitio-test-'));
    const finished = new SpillingDeduplicator(parent);
    for (const person of people(5, 100)) finished.add(person);
    finished.finish(() => undefined);
    const discarded = new SpillingDeduplicator(parent);
    discarded.add(people(6, 1)[0] as ImportedPerson);
    discarded.discard();
    expect(readdirSync(parent)).toEqual([]);
  });
});
