import { bytesOf } from './slab.ts';

/**
 * Where an article mentions topics, packed in bytes of 7-bit varints: the number of
 * mentions, the form ids in reading order, then the ids of its distinct sentence-initial names.
 * Frequent forms get small ids, so most take one or two bytes where an Int32Array took four.
 */
export type ArticleTopics = Uint8Array;

// Reused between articles, safely: packTopics fills it and copies out what it wrote (bytesOf)
// within one call that runs no code of its caller; an article rarely needs more than a few KB.
let bytes = Buffer.alloc(4096);

/** Packs the first `mentionCount` of `mentions` (the scanner reuses the array) and `initials`. */
export function packTopics(mentions: readonly number[], mentionCount: number, initials: readonly number[]): ArticleTopics {
  // Five bytes hold any 32-bit value.
  const most = (1 + mentionCount + initials.length) * 5;
  if (most > bytes.length) bytes = Buffer.alloc(Math.max(most, bytes.length * 2));
  let at = put(mentionCount, 0);
  for (let i = 0; i < mentionCount; i++) at = put(mentions[i]!, at);
  for (const i of initials) at = put(i, at);
  return bytesOf(bytes.subarray(0, at));
}

/** Writes `value` at `at` in `bytes`; returns the offset past it. */
function put(value: number, at: number): number {
  let v = value;
  while (v >= 0x80) {
    bytes[at++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  bytes[at++] = v;
  return at;
}

// The read position of `next`: a cursor saves returning pairs. Safe shared: mentionsOf and
// initialsOf set it first and use it up within one call that runs no code of its caller.
let cursor = 0;

/** The varint at `cursor`, moving `cursor` past it. */
function next(topics: ArticleTopics): number {
  let b = topics[cursor++]!;
  let value = b & 0x7f;
  // Shifts, not powers of two: packed values are ids below 2 ** 31, and `**` costs a float pow.
  for (let shift = 7; b >= 0x80; shift += 7) {
    b = topics[cursor++]!;
    value |= (b & 0x7f) << shift;
  }
  return value;
}

function decode(topics: ArticleTopics, count: number): Int32Array {
  const out = new Int32Array(count);
  for (let n = 0; n < count; n++) out[n] = next(topics);
  return out;
}

export function mentionsOf(topics: ArticleTopics): Int32Array {
  cursor = 0;
  return decode(topics, next(topics));
}

export function initialsOf(topics: ArticleTopics): Int32Array {
  cursor = 0;
  // A varint's last byte is the only one below 0x80: skip the mentions, count the rest.
  for (let skip = next(topics); skip > 0 && cursor < topics.length; cursor++) if (topics[cursor]! < 0x80) skip--;
  let count = 0;
  for (let i = cursor; i < topics.length; i++) if (topics[i]! < 0x80) count++;
  return decode(topics, count);
}
