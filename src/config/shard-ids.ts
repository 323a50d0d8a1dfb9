/** The most shards a setting may name; far beyond any bot, low enough that a typo cannot make a huge list. */
export const MAX_SHARDS = 100_000;

/**
 * `DISCORD_SHARD_IDS` as written (`0-3`, `0,2`, `4-7,9`) to the sorted, distinct ids it names,
 * or the reason it names none.
 */
export function parseShardIds(text: string): number[] | { error: string } {
  const ids = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
    if (!m) return { error: 'must be shard ids and ranges such as 0-3 or 0,2' };
    const first = Number(m[1]);
    const last = m[2] === undefined ? first : Number(m[2]);
    if (last < first) return { error: `the range ${part} runs backwards` };
    if (last >= MAX_SHARDS) return { error: `shard ids must be below ${MAX_SHARDS}` };
    for (let id = first; id <= last; id++) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}
