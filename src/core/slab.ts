/**
 * Small Int32Arrays carved out of shared 256 KB buffers. A typed array of its own costs an
 * ArrayBuffer, a backing store and a heap allocation besides its bytes, several hundred bytes in
 * all; an article keeps two small arrays, so at 100,000 articles that overhead alone was tens of
 * megabytes. A view into a shared buffer costs only the view. A buffer is freed once no view into
 * it is left: after reloads drop articles, a buffer lives on while any article cut from it does.
 */
const SLAB_INTS = 1 << 16;
let slab = new Int32Array(0);
let used = 0;

/** A zero-filled Int32Array of `length`; large ones get a buffer of their own. */
export function int32s(length: number): Int32Array {
  if (length > SLAB_INTS >> 3) return new Int32Array(length);
  if (used + length > slab.length) {
    slab = new Int32Array(SLAB_INTS);
    used = 0;
  }
  const view = slab.subarray(used, used + length);
  used += length;
  return view;
}
