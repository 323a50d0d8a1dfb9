import type { Budget, Digest, TopicEntry } from '../core/types.ts';
import type { LiveCorpus, ReloadReport } from '../app/live-corpus.ts';

/** A string option of a command; every platform renders these the same way. */
export interface OptionSpec {
  name: string;
  description: string;
  required: boolean;
  maxLength: number;
  choices?: readonly string[];
  /** Platforms that can offer choices as the user types (Discord) should do so from the corpus topics. */
  autocomplete?: boolean;
}

/** Who ran a command; the adapter decides `isAdmin` from the platform's own permissions. */
export interface Invoker {
  platform: 'console' | 'discord' | 'slack';
  id: string;
  isAdmin: boolean;
}

export type Length = 'short' | 'medium' | 'long';

export interface CommandDeps {
  corpus: LiveCorpus;
  budgets: Record<Length, Budget>;
}

export type ErrorCode =
  | 'unknown-command'
  | 'missing-option'
  | 'too-long'
  | 'bad-choice'
  | 'empty-topic'
  | 'not-admin'
  | 'not-loaded';

export type Reply =
  | { kind: 'digest'; digest: Digest }
  | { kind: 'topics'; topics: TopicEntry[]; articles: number }
  | { kind: 'reload'; report: ReloadReport }
  | { kind: 'help'; commands: readonly CommandDefinition[] }
  | { kind: 'error'; code: ErrorCode; detail: Record<string, string> };

export type CommandInput = Record<string, string | undefined>;

/** One platform-neutral command: its definition beside its handler. */
export interface CommandDefinition {
  name: string;
  description: string;
  /** Only admins may run it; platforms also hide it from others where they can. */
  admin: boolean;
  options: readonly OptionSpec[];
  run(input: CommandInput, invoker: Invoker, deps: CommandDeps): Promise<Reply> | Reply;
}
