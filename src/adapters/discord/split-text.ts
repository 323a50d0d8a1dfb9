// A masked link `[label](url)` broken across two messages stops being a link.
const LINK = /\[(?:\\.|[^\]\\])*\]\([^)\s]*\)/g;

// Where a chunk may end, best first; each match's index is the whitespace the cut replaces.
const BREAKS: { pattern: RegExp; minFill: number }[] = [
  { pattern: /\n\n/g, minFill: 0.5 },
  { pattern: /\n/g, minFill: 0.5 },
  { pattern: /(?<=[.!?…]["'”’)\]*_]*) /g, minFill: 0.3 },
  { pattern: /[ \n]/g, minFill: 0 },
];

function insideLink(text: string, at: number): boolean {
  for (const m of text.matchAll(LINK)) {
    if (m.index >= at) return false;
    if (at < m.index + m[0].length) return true;
  }
  return false;
}

function lastBreak(text: string, max: number): number | undefined {
  for (const { pattern, minFill } of BREAKS) {
    let best: number | undefined;
    for (const m of text.matchAll(pattern)) {
      if (m.index > max) break;
      if (m.index > 0 && m.index >= max * minFill && !insideLink(text, m.index)) best = m.index;
    }
    if (best !== undefined) return best;
  }
  return undefined;
}

// Only a single word longer than a whole chunk is cut inside; even then not through an escape
// (`\*`) or a surrogate pair.
function hardCut(text: string, max: number): number {
  let at = max;
  const code = text.charCodeAt(at - 1);
  if (code >= 0xd800 && code <= 0xdbff) at -= 1;
  let slashes = 0;
  while (text[at - 1 - slashes] === '\\') slashes += 1;
  return slashes % 2 === 1 ? at - 1 : at;
}

/**
 * Splits text into chunks of at most `max` characters, at paragraph, line or sentence ends when
 * one is near the limit, else between words; never inside a word or a markdown link unless that
 * word or link alone is longer than `max`.
 */
export function splitText(text: string, max: number): string[] {
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const at = lastBreak(rest, max) ?? hardCut(rest, max);
    chunks.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) chunks.push(rest);
  return chunks;
}
