import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zoneChoices } from '../../src/commands/zone-choices.ts';
import { parseTimeZone } from '../../src/ports/schedule-time.ts';

test('zone choices: by city first, then anywhere in the name; every choice is a zone /subscribe accepts', () => {
  assert.equal(zoneChoices('kabul')[0], 'Asia/Kabul');
  assert.equal(zoneChoices('NEW_Y')[0], 'America/New_York');
  assert.ok(zoneChoices('europe/').every((z) => z.startsWith('Europe/')));
  assert.equal(zoneChoices('america', 10).length, 10);
  assert.deepEqual(zoneChoices('mars/olympus'), []);
  for (const typed of ['', 'u', 'berl', 'los', 'asia']) for (const z of zoneChoices(typed)) assert.ok(parseTimeZone(z).ok, z);
});
