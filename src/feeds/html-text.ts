import { compile } from 'html-to-text';

// Feed titles and summaries carry inline markup and entities; bodies are converted by the corpus
// loader later. Compiled once: building the selectors costs more than converting a title.
const convert = compile({
  wordwrap: false,
  limits: { maxInputLength: 1_000_000, maxDepth: 200 },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    ...['img', 'script', 'style', 'iframe', 'svg', 'video', 'audio', 'figure', 'noscript'].map((selector) => ({ selector, format: 'skip' })),
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'ul', options: { itemPrefix: '' } },
  ],
});

// Markup, an entity, or a CDATA-era leftover; text such as "<@123>" or "a < b" is not markup.
const MARKUP = /<[A-Za-z/!?]|&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i;

/** HTML (or text that may hold HTML) to plain text, paragraphs kept as blank-line breaks. */
export function htmlToText(html: string): string {
  const text = MARKUP.test(html) ? convert(html) : html;
  return text.replace(/[ \t\u00a0]+/g, ' ').replace(/ *\n */g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** HTML to one line of text, for titles. */
export function htmlToLine(html: string): string {
  return htmlToText(html).replace(/\s+/g, ' ').trim();
}

/** Plain text to one line (a title the feed says is text, whose `<` are characters). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
