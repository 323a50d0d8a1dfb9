/**
 * Small typed arrays carved out of shared 256 KB buffers. A typed array of its own costs an
 * ArrayBuffer, a backing store and a heap allocation besides its bytes, several hundred bytes in
 * all; an article keeps two small arrays, so at 100,000 articles that overhead alone was tens of
 * megabytes. A view into a shared buffer costs only the view. A buffer is freed once no view into
 * it is left: after reloads drop articles, a buffer lives on while any article cut from it does.
 */
const SLAB_BYTES = 1 << 18;
// Module-wide on purpose, not owned by a snapshot: every carve hands out bytes no one else holds,
// whoever asks and in whatever order, so loads and snapshots can share the current buffer safely.
let slab = new ArrayBuffer(0);
let used = 0;

function carve(bytes: number, align = 4): number {
  // An Int32Array must start on a 4-byte boundary.
  const at = (used + align - 1) & -align;
  if (at + bytes > slab.byteLength) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = bytes;
    return 0;
  }
  used = at + bytes;
  return at;
}

/** A zero-filled Int32Array of `length`; large ones get a buffer of their own. */
export function int32s(length: number): Int32Array {
  if (4 * length > SLAB_BYTES >> 3) return new Int32Array(length);
  const at = carve(4 * length);
  return new Int32Array(slab, at, length);
}

/** A zero-filled Uint16Array of `length`; large ones get a buffer of their own. */
export function uint16s(length: number): Uint16Array {
  if (2 * length > SLAB_BYTES >> 3) return new Uint16Array(length);
  const at = carve(2 * length);
  return new Uint16Array(slab, at, length);
}

/**
 * A copy of `bytes`. Packed text lives here rather than in one-byte strings: outside V8's heap it
 * is neither traced by the collector nor multiplied by the room the heap grows by, and on a large
 * corpus it was half of what the heap held.
 */
export function bytesOf(bytes: Uint8Array): Uint8Array {
  if (bytes.length > SLAB_BYTES >> 3) return new Uint8Array(bytes);
  const at = carve(bytes.length, 1);
  const copy = new Uint8Array(slab, at, bytes.length);
  copy.set(bytes);
  return copy;
}
