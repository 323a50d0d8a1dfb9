import type { AutocompleteInteraction } from 'discord.js';
import type { CommandDeps } from '../../commands/types.ts';
import { topicChoices } from '../../commands/topic-choices.ts';
import { zoneChoices } from '../../commands/zone-choices.ts';
import { COMMANDS } from '../../commands/registry.ts';
import { LIMITS } from './limits.ts';

/** Corpus topics matching what the user typed so far; none while the articles are still loading. */
export function topicSuggestions(deps: CommandDeps, typed: string): { name: string; value: string }[] {
  const topics = deps.corpus.loaded ? deps.corpus.current.topics : [];
  return topicChoices(topics, typed, LIMITS.choices)
    .filter((t) => t.name.length > 0 && t.name.length <= LIMITS.choiceValue)
    .map((t) => ({ name: t.name.slice(0, LIMITS.choiceName), value: t.name }));
}

/** Suggestions for the option being typed: time zones for a zone, corpus topics otherwise. */
export function suggestionsFor(command: string, option: string, typed: string, deps: CommandDeps): { name: string; value: string }[] {
  const spec = COMMANDS.find((c) => c.name === command)?.options.find((o) => o.name === option);
  if (spec?.zone) return zoneChoices(typed, LIMITS.choices).map((zone) => ({ name: zone, value: zone }));
  return topicSuggestions(deps, typed);
}

export async function answerAutocomplete(interaction: AutocompleteInteraction, deps: CommandDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  await interaction.respond(suggestionsFor(interaction.commandName, focused.name, String(focused.value), deps));
}
