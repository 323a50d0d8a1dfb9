import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArguments } from '../../src/commands/parse-text.ts';
import { COMMANDS } from '../../src/commands/registry.ts';

const def = (name: string) => COMMANDS.find((c) => c.name === name)!;

test('free-text arguments: trailing words that fit later options fill them, the rest is the topic', () => {
  const table: [string, string, Record<string, string>][] = [
    ['summary', 'ghazni', { topic: 'ghazni' }],
    ['summary', 'kandahar prison long', { topic: 'kandahar prison', length: 'long' }],
    ['summary', 'Long', { topic: 'Long' }],
    ['summary', 'taliban --length short', { topic: 'taliban', length: 'short' }],
    ['summary', 'length:short the fall of ghazni', { topic: 'the fall of ghazni', length: 'short' }],
    ['subscribe', 'ghazni 8:30', { topic: 'ghazni', time: '8:30' }],
    ['subscribe', 'kandahar prison 08:30 Europe/Berlin', { topic: 'kandahar prison', time: '08:30', timezone: 'Europe/Berlin' }],
    ['subscribe', 'ghazni 25:99 Mars/Olympus', { topic: 'ghazni', time: '25:99', timezone: 'Mars/Olympus' }],
    ['subscribe', 'ghazni at 8am', { topic: 'ghazni at 8am' }],
    ['subscribe', 'ghazni --time 07:00 --timezone UTC', { topic: 'ghazni', time: '07:00', timezone: 'UTC' }],
    ['topics', '', {}],
  ];
  for (const [name, text, expected] of table) assert.deepEqual(parseArguments(def(name), text), expected, `/${name} ${text}`);
});
