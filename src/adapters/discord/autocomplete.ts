import type { AutocompleteInteraction } from 'discord.js';
import type { CommandDeps, CommandInput } from '../../commands/types.ts';
import { topicChoices } from '../../commands/topic-choices.ts';
import { zoneChoices } from '../../commands/zone-choices.ts';
import { feedChoices } from '../../commands/feed-command.ts';
import { COMMANDS } from '../../commands/registry.ts';
import { inputOf } from './chat-command.ts';
import { LIMITS } from './limits.ts';

type Choice = { name: string; value: string };

/** Values as Discord choices; a value longer than Discord takes cannot be offered at all. */
const asChoices = (values: readonly string[]): Choice[] =>
  values.filter((v) => v.length > 0 && v.length <= LIMITS.choiceValue).map((v) => ({ name: v.slice(0, LIMITS.choiceName), value: v }));

/** Corpus topics matching what the user typed so far; none while the articles are still loading. */
export function topicSuggestions(deps: CommandDeps, typed: string): Choice[] {
  const topics = deps.corpus.loaded ? deps.corpus.current.topics : [];
  return asChoices(topicChoices(topics, typed, LIMITS.choices).map((t) => t.name));
}

/** What is being typed, where, by whom, and the command's other options as filled so far. */
export interface Typing {
  command: string;
  option: string;
  typed: string;
  user: string;
  input: CommandInput;
}

/** Suggestions for the option being typed: time zones for a zone, followed feeds for a feed, corpus topics otherwise. */
export function suggestionsFor(t: Typing, deps: CommandDeps): Choice[] {
  const spec = COMMANDS.find((c) => c.name === t.command)?.options.find((o) => o.name === t.option);
  if (spec?.zone) return zoneChoices(t.typed, LIMITS.choices).map((zone) => ({ name: zone, value: zone }));
  if (spec?.feed) return asChoices(feedChoices(deps, { platform: 'discord', id: t.user }, t.input, t.typed, LIMITS.choices));
  return topicSuggestions(deps, t.typed);
}

export async function answerAutocomplete(interaction: AutocompleteInteraction, deps: CommandDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const typing = { command: interaction.commandName, option: focused.name, typed: String(focused.value), user: interaction.user.id, input: inputOf(interaction) };
  await interaction.respond(suggestionsFor(typing, deps));
}
