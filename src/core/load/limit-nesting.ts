// Elements that never nest (void) or that the next sibling closes implicitly (p, li, td...): they
// do not deepen a real page's tree, so they do not count towards the depth.
const FLAT = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'td', 'th', 'tr', 'option', 'optgroup', 'rb', 'rt', 'rp',
]);

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g;

/**
 * Drops opening tags that would nest deeper than `maxDepth`, in one linear pass, keeping all
 * text. The HTML parser slows down with the square of the nesting depth, so a hostile file of
 * 100,000 unclosed `<b>` tags would otherwise take minutes to load; no real article nests
 * anywhere near this deep.
 */
export function limitNesting(html: string, maxDepth: number): string {
  let depth = 0;
  let dropped = 0;
  const out = html.replace(TAG, (tag, closing: string, name: string, selfClosing: string) => {
    if (FLAT.has(name.toLowerCase()) || selfClosing) return tag;
    if (closing) {
      if (depth > 0) depth--;
      return tag;
    }
    if (depth >= maxDepth) {
      dropped++;
      return ' ';
    }
    depth++;
    return tag;
  });
  return dropped === 0 ? html : out;
}
