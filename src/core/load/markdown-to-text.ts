// Kept by hand: a markdown-it walker loads .md files ~40% slower (17 vs 27 MB/s), drops "2021." as a list marker; micromark/mdast (2 MB/s), marked (10 MB/s) slower still (issue 20).
// CommonMark decodes only entities closed by `;`: the strict HTML decoder.
import { decodeHTMLStrict } from 'entities';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]+|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:[ \t]*\S/;
const TABLE_RULE = /^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$/;
const QUOTE_MARKER = /^ {0,3}(?:>[ \t]?)+/;
const LIST_MARKER = /^[ \t]*(?:[-*+]|\d{1,2}[.)])[ \t]+/; // not "2021. ": years open news sentences

// Backslash-escaped punctuation is parked in the private use area so that emphasis
// rules cannot eat it, then restored as the literal character.
const park = (s: string): string => s.replace(/\\([!-/:-@[-`{-~])/g, (_, c: string) => String.fromCharCode(0xe000 + c.charCodeAt(0)));
const unpark = (s: string): string => s.replace(/[\ue021-\ue07e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000));

/** Reduces inline Markdown to its text: links to their label, images and markup out. */
function inlineText(line: string): string {
  // Each rule runs only when its marker character occurs: most lines of prose have none.
  const parked = line.includes('\\');
  let text = parked ? park(line) : line;
  if (text.includes('[')) {
    text = text
      .replace(/!\[[^\]]*\](?:\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)|\[[^\]]*\])/g, '')
      .replace(/\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)/g, '$1')
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1');
  }
  if (text.includes('<')) {
    text = text
      .replace(/<((?:https?|mailto):[^<>\s]+)>/g, '$1')
      .replace(/<!--[\s\S]*?-->|<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/g, '');
  }
  if (text.includes('`')) text = text.replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (_, __, code: string) => code.trim());
  if (text.includes('*') || text.includes('__')) text = text.replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2');
  if (text.includes('~~')) text = text.replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1');
  if (text.includes('*')) text = text.replace(/\*(?=[^\s*])([^*]*?[^\s*])\*/g, '$1');
  if (text.includes('_')) text = text.replace(/(^|[^\p{L}\p{N}_])_(?=[^\s_])([^_]*?[^\s_])_(?![\p{L}\p{N}_])/gu, '$1$2');
  text = decodeHTMLStrict(text);
  return parked ? unpark(text) : text;
}

/**
 * Converts a Markdown body to plain text: headings become their own paragraph without
 * `#`, list items and hard breaks their own line, soft-wrapped lines are joined, code
 * blocks and images are dropped. Paragraphs are separated by a blank line.
 */
export function markdownToText(markdown: string): string {
  const paragraphs: string[] = [];
  let lines: string[] = [];
  let startLine = true;
  let fence: string | undefined;
  const endParagraph = (): void => {
    if (lines.length > 0) paragraphs.push(lines.join('\n'));
    lines = [];
    startLine = true;
  };

  for (const line of markdown.split('\n')) {
    const fenceMatch = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (fenceMatch !== undefined && fenceMatch[0] === fence[0] && fenceMatch.length >= fence.length) fence = undefined;
      continue;
    }
    if (fenceMatch !== undefined) {
      fence = fenceMatch;
      endParagraph();
      continue;
    }
    if (HEADING.test(line)) {
      endParagraph();
      const heading = inlineText(line.replace(HEADING, '').replace(/(?:^|[ \t]+)#+[ \t]*$/, '')).trim();
      if (heading !== '') paragraphs.push(heading);
      continue;
    }
    // A setext underline ends its heading paragraph just as a thematic break ends any paragraph.
    const underline = SETEXT_UNDERLINE.test(line) && lines.length > 0;
    if (underline || THEMATIC_BREAK.test(line) || REFERENCE_DEFINITION.test(line) || TABLE_RULE.test(line)) {
      endParagraph();
      continue;
    }
    const content = line.replace(QUOTE_MARKER, '');
    const hardBreak = content.endsWith('  ') || content.endsWith('\\');
    const isItem = LIST_MARKER.test(content);
    const text = inlineText(content.replace(LIST_MARKER, '').replace(/\\$/, '')).trim();
    if (text === '') {
      if (content.trim() === '') endParagraph();
      continue;
    }
    const last = lines.length - 1;
    if (isItem || startLine || last < 0) lines.push(text);
    else lines[last] = `${lines[last]} ${text}`;
    startLine = hardBreak;
  }
  endParagraph();
  return paragraphs.join('\n\n');
}
