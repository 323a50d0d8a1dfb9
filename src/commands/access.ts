import type { CommandDefinition, CommandDeps, Invoker, Reply } from './types.ts';

/**
 * Whether the invoker is one of the bot's operators. Whoever sits at the terminal runs the
 * process, so they are; in chat only the configured ids are, whatever their server role: one
 * server's admin must not decide what every other server reads.
 */
export function isOperator(invoker: Pick<Invoker, 'platform' | 'id'>, deps: Pick<CommandDeps, 'operators'>): boolean {
  if (invoker.platform === 'console') return true;
  return deps.operators?.[invoker.platform].has(invoker.id) ?? false;
}

/** The refusal for an invoker the command is not for; undefined when they may run it. */
export function refusal(def: CommandDefinition, invoker: Invoker, deps: CommandDeps): Reply | undefined {
  if (def.access === 'admin' && !invoker.isAdmin) return { kind: 'error', code: 'not-admin', detail: { command: def.name } };
  if (def.access === 'operator' && !isOperator(invoker, deps)) return { kind: 'error', code: 'not-operator', detail: { command: def.name } };
  return undefined;
}

/** Commands only some may run: platforms hide them where they can, and answer them privately. */
export const isRestricted = (def: CommandDefinition | undefined): boolean => (def?.access ?? 'everyone') !== 'everyone';
