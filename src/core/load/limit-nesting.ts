// Elements that never nest (void) or that the next sibling closes implicitly (p, li, td...): they
// do not deepen a real page's tree, so they do not count towards the depth.
const FLAT = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'td', 'th', 'tr', 'option', 'optgroup', 'rb', 'rt', 'rp',
]);

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g;

/** Follows the depth tag by tag; says whether the next tag, an opening one past `maxDepth`, is to go. */
function depthTracker(maxDepth: number): (closing: string, name: string, selfClosing: string) => boolean {
  let depth = 0;
  return (closing, name, selfClosing) => {
    if (selfClosing || FLAT.has(name.toLowerCase())) return false;
    if (closing) {
      if (depth > 0) depth--;
      return false;
    }
    if (depth >= maxDepth) return true;
    depth++;
    return false;
  };
}

/**
 * Drops opening tags that would nest deeper than `maxDepth`, in one linear pass, keeping all
 * text. The HTML parser slows down with the square of the nesting depth, so a hostile file of
 * 100,000 unclosed `<b>` tags would otherwise take minutes to load; no real article nests
 * anywhere near this deep.
 */
export function limitNesting(html: string, maxDepth: number): string {
  // Real pages never drop a tag: a scan that builds no string tells so at half the cost of the replace.
  const tooDeep = depthTracker(maxDepth);
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m !== null; m = TAG.exec(html)) {
    if (!tooDeep(m[1]!, m[2]!, m[3]!)) continue;
    const drop = depthTracker(maxDepth);
    return html.replace(TAG, (tag, closing: string, name: string, selfClosing: string) => (drop(closing, name, selfClosing) ? ' ' : tag));
  }
  return html;
}
