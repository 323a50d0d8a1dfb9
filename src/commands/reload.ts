import type { CommandDefinition } from './types.ts';

export const reloadCommand: CommandDefinition = {
  name: 'reload',
  description: 'Re-read the articles folder (admins only)',
  access: 'admin',
  needsCorpus: false,
  options: [],
  async run(_input, _invoker, deps) {
    return { kind: 'reload', report: await deps.corpus.reload() };
  },
};
