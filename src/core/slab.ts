/**
 * Small Int32Arrays and Uint16Arrays carved out of shared 256 KB buffers. A typed array of its own costs an
 * ArrayBuffer, a backing store and a heap allocation besides its bytes, several hundred bytes in
 * all; an article keeps two small arrays, so at 100,000 articles that overhead alone was tens of
 * megabytes. A view into a shared buffer costs only the view. A buffer is freed once no view into
 * it is left: after reloads drop articles, a buffer lives on while any article cut from it does.
 */
const SLAB_BYTES = 1 << 18;
let slab = new ArrayBuffer(0);
let used = 0;

function carve(bytes: number): number {
  // Every view starts on a 4-byte boundary, as an Int32Array must.
  const at = (used + 3) & ~3;
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
