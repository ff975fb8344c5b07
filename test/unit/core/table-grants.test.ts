import { describe, expect, it } from 'vitest';
import { BUCKET_TRIGGERS, TRIGGER_FAILURES } from '../../../shared/core/files/buckets';
import { SCHEDULED_TASKS } from '../../../shared/core/schedules';
import { ALL_ENTITIES, grantedPrefixes } from '../../../shared/entities';
import { allRoutes } from '../../../shared/routes';
import { citizenRoutes } from '../../../shared/surveys/citizen/routes';

/** Every function's table grant (what IAM allows it, and what the local runner checks), against its declaration. */
const declared = [
  ...allRoutes,
  ...BUCKET_TRIGGERS,
  { ...TRIGGER_FAILURES, table: 'readWrite' as const },
  ...SCHEDULED_TASKS,
];

describe('table grants', () => {
  it.each(declared.map((fn) => [fn.name, fn] as const))(
    '%s names the items it touches, as its table access says',
    (_, fn) => {
      const items = fn.items;
      if (fn.table === 'none') expect(items).toBeUndefined();
      else expect(Object.values(items ?? {}).flat().length).toBeGreaterThan(0);
      if (fn.table === 'read') expect(items?.write ?? []).toEqual([]);
      if (fn.table === 'readWrite') expect(items?.write?.length).toBeGreaterThan(0);
      for (const name of [...(items?.read ?? []), ...(items?.write ?? []), ...(items?.indexes ?? [])])
        expect(ALL_ENTITIES[name], `${fn.name}: ${name}`).toBeDefined();
    },
  );

  it('keep the citizen functions, which need no account, away from contacts but their language', () => {
    for (const route of Object.values(citizenRoutes)) {
      const granted = grantedPrefixes(route.items);
      expect(
        granted.write.filter((prefix) => prefix.startsWith('CONTACT')),
        route.name,
      ).toEqual([]);
      expect(granted.index, route.name).toEqual([]);
    }
  });

  it('scope every entity to prefixes that no other kind’s keys fall under unless they share a partition', () => {
    const owners = new Map<string, string[]>();
    for (const entity of Object.values(ALL_ENTITIES))
      for (const prefix of entity.partitionPrefixes) owners.set(prefix, [...(owners.get(prefix) ?? []), entity.entity]);
    // Kinds that share a partition on purpose (docs/data-model.md) share its prefix.
    expect(
      [...owners.entries()].filter(([, kinds]) => kinds.length > 1).map(([prefix, kinds]) => [prefix, kinds.sort()]),
    ).toEqual([
      ['IMPORT#*', ['import', 'importReject', 'importWarning']],
      ['SEGMENT#*', ['segment', 'segmentCount']],
      ['SURVEY#*', ['survey', 'surveyInvitation', 'surveyResponse']],
      ['CAMPAIGN#*', ['campaign', 'campaignDelivery', 'campaignSendCall']],
    ]);
  });
});
