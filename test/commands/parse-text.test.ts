import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArguments } from '../../src/commands/parse-text.ts';
import { COMMANDS } from '../../src/commands/registry.ts';

const def = (name: string) => COMMANDS.find((c) => c.name === name)!;

test('free-text arguments: a topic takes the words before the next option, a length only the last word', () => {
  const table: [string, string, Record<string, string>][] = [
    ['summary', 'ghazni', { topic: 'ghazni' }],
    ['summary', 'kandahar prison long', { topic: 'kandahar prison', length: 'long' }],
    ['summary', 'Long', { topic: 'Long' }],
    ['summary', 'long march', { topic: 'long march' }],
    ['summary', 'ghazni medium extra words', { topic: 'ghazni medium extra words' }],
    ['summary', 'taliban --length short', { topic: 'taliban', length: 'short' }],
    ['summary', 'taliban --length=short', { topic: 'taliban', length: 'short' }],
    ['summary', 'length:short the fall of ghazni', { topic: 'the fall of ghazni', length: 'short' }],
    ['summary', 're:publica', { topic: 're:publica' }],
    ['summary', 'g:7', { topic: 'g:7' }],
    ['summary', 'length:7 ghazni', { topic: 'length:7 ghazni' }],
    ['summary', 'ghazni 24h', { topic: 'ghazni', since: '24h' }],
    ['summary', 'kandahar prison long 7d', { topic: 'kandahar prison', length: 'long', since: '7d' }],
    ['summary', 'kandahar prison 2w short', { topic: 'kandahar prison', length: 'short', since: '2w' }],
    ['summary', 'ghazni 2026-12-01', { topic: 'ghazni', since: '2026-12-01' }],
    ['summary', 'ghazni since 90m', { topic: 'ghazni', since: '90m' }],
    ['summary', 'ghazni since:90m', { topic: 'ghazni', since: '90m' }],
    ['summary', 'ghazni --since 3days long', { topic: 'ghazni', since: '3days', length: 'long' }],
    ['summary', 'covid 19', { topic: 'covid 19' }],
    ['summary', '3d printing', { topic: '3d printing' }],
    ['summary', 'life since 1990', { topic: 'life since 1990' }],
    ['summary', 'ghazni 24h long march', { topic: 'ghazni 24h long march' }],
    ['subscribe', 'ghazni 8:30', { topic: 'ghazni', time: '8:30' }],
    ['subscribe', 'ghazni time 8:30', { topic: 'ghazni', time: '8:30' }],
    ['subscribe', 'ghazni time:8:30', { topic: 'ghazni', time: '8:30' }],
    ['subscribe', 'time 08:30', { topic: 'time', time: '08:30' }],
    ['summary', 'since 24h', { topic: 'since', since: '24h' }],
    ['subscribe', 'ghazni Europe/Berlin', { topic: 'ghazni Europe/Berlin' }],
    ['subscribe', 'kandahar prison 08:30 Europe/Berlin', { topic: 'kandahar prison', time: '08:30', timezone: 'Europe/Berlin' }],
    ['subscribe', 'covid 19 08:30', { topic: 'covid 19', time: '08:30' }],
    ['subscribe', 'ghazni 25:99 Mars/Olympus', { topic: 'ghazni', time: '25:99', timezone: 'Mars/Olympus' }],
    ['subscribe', 'ghazni 08:30 Berlin', { topic: 'ghazni', time: '08:30', timezone: 'Berlin' }],
    ['subscribe', 'ghazni at 8am', { topic: 'ghazni at', time: '8am' }],
    ['subscribe', 'ghazni', { topic: 'ghazni' }],
    ['subscribe', 'ghazni --time 07:00 --timezone UTC', { topic: 'ghazni', time: '07:00', timezone: 'UTC' }],
    ['subscribe', '--time 07:00 kandahar prison', { topic: 'kandahar prison', time: '07:00' }],
    ['unsubscribe', 'kandahar prison 08:30', { topic: 'kandahar prison 08:30' }],
    ['topics', '', {}],
  ];
  for (const [name, text, expected] of table) {
    const parsed = parseArguments(def(name), text);
    assert.deepEqual('input' in parsed && parsed.input, expected, `/${name} ${text}`);
  }
});

test('free-text arguments: stray words, unknown flags and flags without a value are named', () => {
  const table: [string, string, string, Record<string, string>][] = [
    ['subscribe', 'ghazni 07:30 Europe/Berlin now', 'unexpected-words', { words: 'now', count: '1', after: 'timezone' }],
    ['topics', 'all of them', 'unexpected-words', { words: 'all of them', count: '3' }],
    ['summary', 'ghazni --lenght short', 'unknown-option', { option: 'lenght', suggestion: 'length' }],
    ['summary', 'ghazni --json', 'unknown-option', { option: 'json' }],
    ['summary', 'ghazni --length', 'missing-value', { option: 'length' }],
  ];
  for (const [name, text, code, detail] of table) {
    const parsed = parseArguments(def(name), text);
    assert.ok('error' in parsed && parsed.error.kind === 'error', `/${name} ${text}`);
    assert.equal(parsed.error.code, code);
    assert.deepEqual(parsed.error.detail, { ...detail, command: name, usage: parsed.error.detail.usage, ...(def(name).example && { example: `/${name} ${def(name).example}` }) });
  }
});

test('free-text arguments: a length word with words after it is kept as the answer for when the whole topic finds nothing', () => {
  const parsed = parseArguments(def('summary'), 'ghazni medium extra words');
  assert.ok('input' in parsed && parsed.ifNothingFound?.kind === 'error');
  assert.deepEqual(parsed.ifNothingFound.detail, {
    command: 'summary',
    usage: '/summary topic [length] [since]',
    example: '/summary kandahar prison long',
    words: 'extra words',
    count: '2',
    after: 'length',
  });
});
