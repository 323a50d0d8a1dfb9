import { usageDetail } from './usage.ts';
import type { CommandDefinition, CommandInput, Reply } from './types.ts';

// Control characters would let an argument rewrite a terminal or hide text in chat.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Cleans and checks arguments against the definition; an error reply when they don't fit. */
export function validateInput(def: CommandDefinition, raw: CommandInput): { input: CommandInput } | { error: Reply } {
  const input: CommandInput = {};
  for (const option of def.options) {
    const value = raw[option.name]?.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
    if (!value) {
      if (option.required) {
        return { error: { kind: 'error', code: 'missing-option', detail: { ...usageDetail(def), option: option.name } } };
      }
      continue;
    }
    if (value.length > option.maxLength) {
      return { error: { kind: 'error', code: 'too-long', detail: { option: option.name, max: String(option.maxLength) } } };
    }
    if (option.topic && !/[\p{L}\p{N}]/u.test(value)) return { error: { kind: 'error', code: 'empty-topic', detail: {} } };
    if (option.choices && !option.choices.includes(value.toLowerCase())) {
      return { error: { kind: 'error', code: 'bad-choice', detail: { option: option.name, value, choices: option.choices.join(', ') } } };
    }
    input[option.name] = option.choices ? value.toLowerCase() : value;
  }
  return { input };
}
