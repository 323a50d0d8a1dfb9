import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSummary, leansOn } from '../../bench/select-checks.ts';

const item = (text: string, after: string[] = []) => ({ text, after: new Set(after) });
const MOVE = 'The move was aimed at calming bond markets.';
const RESIGNED = 'Finance Minister Elena Varga resigned on Monday over a hidden budget deficit.';
const ACCEPTED = 'Prime Minister Tomas Reiner accepted the resignation and named Karl Holt acting minister.';

test('select-checks: an opener that leans on its article is resolved only by the sentence before it', () => {
  assert.ok(leansOn(MOVE));
  assert.ok(leansOn('He added that the cabinet would meet on Wednesday.'));
  assert.equal(leansOn(RESIGNED), undefined);
  const leads = [[RESIGNED]];
  assert.equal(checkSummary('c', [item(RESIGNED), item(MOVE, [ACCEPTED])], leads).openers.length, 1);
  assert.equal(checkSummary('c', [item(RESIGNED), item(ACCEPTED), item(MOVE, [ACCEPTED])], leads).openers.length, 0);
  // "The move" is resolved by an earlier item that names a move, too.
  assert.equal(checkSummary('c', [item('Prime Minister Tomas Reiner announced a move to cut spending on Monday.'), item(MOVE)], leads).openers.length, 0);
});

test('select-checks: two items sharing half the shorter one\'s content words repeat an event', () => {
  const london = 'Pinochet was arrested in London on Oct. 16 at the request of Spanish magistrate Baltasar Garzon.';
  const friday = "The 82-year-old Pinochet was arrested Friday at a Spanish magistrate's request.";
  const protest = 'The Chilean government protested, saying the senator had diplomatic immunity.';
  const check = checkSummary('c', [item(london), item(friday), item(protest)], [[london]]);
  assert.deepEqual(check.repeats.map((r) => [r.a, r.b]), [[0, 1]]);
});

test('select-checks: the first item must carry half of what the best lead carries of the shared lead words', () => {
  const leads = [[RESIGNED], ['Elena Varga resigned as finance minister on Monday.'], ['Bond markets rallied after Varga resigned on Monday.']];
  assert.equal(checkSummary('c', [item(RESIGNED)], leads).firstStatesEvent, true);
  assert.equal(checkSummary('c', [item('Economists expect spending cuts before the end of the year.'), item(RESIGNED)], leads).firstStatesEvent, false);
});
