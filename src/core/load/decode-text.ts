import { isAscii, isUtf8 } from 'node:buffer';

/** Result of turning a file's bytes into text: the text, or why the file is not text. */
export type DecodeResult = { ok: true; text: string; warnings: string[] } | { ok: false; reason: string };

const SAMPLE = 8192;
// Binary data is full of control bytes everywhere; 1 KB is plenty to tell, and cheap.
const CONTROL_SAMPLE = 1024;
const utf16le = new TextDecoder('utf-16le', { ignoreBOM: true });
const utf16be = new TextDecoder('utf-16be', { ignoreBOM: true });

// Node's TextDecoder('windows-1252') decodes as ISO-8859-1 (0x93 stays U+0093), so
// the 0x80-0x9F block is mapped by hand. Undefined bytes keep their C1 code point.
const CP1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** Bytes as windows-1252, which is also what the WHATWG labels latin1, ISO-8859-1 and ASCII mean. */
export function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

// Tab, line feed, form feed and carriage return are text; other C0 controls and DEL are not.
const CONTROL = /[\x00-\x08\x0B\x0E-\x1F\x7F]/g;

// What Western text written in windows-1252 holds besides letters: quotes, dashes, currency, and
// the acute accent typed as an apostrophe ("don´t").
const TYPOGRAPHY: ReadonlySet<string> = new Set('‘’‚“”„‹›«»–—…•·†‡‰€£¥¢§¶©®™°±×÷¼½¾¹²³¡¿´\u00A0\u00AD');
// A word of two or more letters none of which is ASCII: not French, German or Spanish but another
// script read byte by byte ("Ïðèâåò" is Russian) or stray bytes ("ÿþÃ").
const FOREIGN_WORD = /(?<!\p{L})[^\P{L}\p{ASCII}]{2,}(?!\p{L})/gu;
const ODD_SYMBOL = /[^\p{L}\p{ASCII}]/gu;
// One character in ten may look odd: a stray ¬ must not cost a whole article, but garbage must not load.
const ODD_SHARE = 0.1;

/**
 * Whether bytes that are not UTF-8 are text written in windows-1252 (or latin-1). Not when
 * more of them form UTF-8 characters than do not: that is UTF-8 with damaged bytes, and read
 * as windows-1252 each of its characters would be garbled ("â€™"). Else by how many of the
 * non-ASCII characters look odd read so: a letter among ASCII letters is fine; a word of only
 * non-ASCII letters, a symbol text does not use and a byte windows-1252 leaves undefined are not.
 */
function readsAsWindows1252(body: Buffer, text: string): boolean {
  let formed = 0;
  let broken = 0;
  for (const char of body.toString('utf8')) {
    if (char === '\uFFFD') broken++;
    else if (char > '\x7f') formed++;
  }
  if (formed >= broken) return false;
  let odd = 0;
  for (const [word] of text.matchAll(FOREIGN_WORD)) odd += word.length;
  for (const [symbol] of text.matchAll(ODD_SYMBOL)) if (!TYPOGRAPHY.has(symbol)) odd++;
  return odd <= (text.match(/[^\x00-\x7f]/g)?.length ?? 0) * ODD_SHARE;
}

/** Share of control characters in a sample; a regex, as it costs nothing when there are none. */
function controlShare(sample: string): number {
  const controls = sample.match(CONTROL);
  return controls === null ? 0 : controls.length / sample.length;
}

/**
 * Decodes a text file: UTF-8 (BOM stripped) or UTF-16 when a BOM says so; invalid UTF-8
 * that reads as windows-1252 text loads so, with a warning. Binary, empty and garbled files
 * are refused: garbage in a digest is worse than a skipped file the report names.
 */
export function decodeText(bytes: Uint8Array): DecodeResult {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const warnings: string[] = [];
  let text: string;
  const b0 = buffer[0];
  const b1 = buffer[1];
  if (b0 === 0xff && b1 === 0xfe) {
    text = utf16le.decode(buffer.subarray(2));
  } else if (b0 === 0xfe && b1 === 0xff) {
    text = utf16be.decode(buffer.subarray(2));
  } else {
    // UTF-16 without a BOM lands here too and is refused: it cannot be told from binary cheaply.
    if (buffer.subarray(0, SAMPLE).includes(0)) return { ok: false, reason: 'binary file' };
    const body = b0 === 0xef && b1 === 0xbb && buffer[2] === 0xbf ? buffer.subarray(3) : buffer;
    // isAscii/isUtf8 validate natively; latin1 is the cheapest way to build an ASCII string.
    if (isAscii(body)) text = body.toString('latin1');
    else if (isUtf8(body)) text = body.toString('utf8');
    else {
      text = decodeWindows1252(body);
      if (!readsAsWindows1252(body, text)) return { ok: false, reason: 'badly encoded: not valid UTF-8, and garbled when read as windows-1252' };
      warnings.push('not valid UTF-8, read as windows-1252');
    }
  }
  // A stray BOM can survive the UTF-16 path when a file was concatenated from several.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (controlShare(text.slice(0, CONTROL_SAMPLE)) > 0.05) return { ok: false, reason: 'binary file' };
  if (!/\S/.test(text)) return { ok: false, reason: 'empty file' };
  return { ok: true, text, warnings };
}
