import type { AutocompleteInteraction } from 'discord.js';
import type { CommandDeps } from '../../commands/types.ts';
import { topicChoices } from '../../commands/topic-choices.ts';
import { LIMITS } from './limits.ts';

/** Corpus topics matching what the user typed so far; none while the articles are still loading. */
export function topicSuggestions(deps: CommandDeps, typed: string): { name: string; value: string }[] {
  const topics = deps.corpus.loaded ? deps.corpus.current.topics : [];
  return topicChoices(topics, typed, LIMITS.choices)
    .filter((t) => t.name.length > 0 && t.name.length <= LIMITS.choiceValue)
    .map((t) => ({ name: t.name.slice(0, LIMITS.choiceName), value: t.name }));
}

export async function answerAutocomplete(interaction: AutocompleteInteraction, deps: CommandDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  await interaction.respond(topicSuggestions(deps, String(focused.value)));
}
