/**
 * `load` run once and its result shared by every caller, except that a failure is forgotten: the
 * next call tries again instead of repeating an error that may have passed (a network blip).
 */
export function onceUntilFailure<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((err: unknown) => {
      pending = undefined;
      throw err;
    }));
}
