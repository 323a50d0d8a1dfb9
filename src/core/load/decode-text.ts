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

function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

// Tab, line feed, form feed and carriage return are text; other C0 controls and DEL are not.
const CONTROL = /[\x00-\x08\x0B\x0E-\x1F\x7F]/g;

/** Share of control characters in a sample; a regex, as it costs nothing when there are none. */
function controlShare(sample: string): number {
  const controls = sample.match(CONTROL);
  return controls === null ? 0 : controls.length / sample.length;
}

/**
 * Decodes a text file: UTF-8 (BOM stripped) or UTF-16 when a BOM says so; invalid UTF-8
 * falls back to windows-1252 with a warning. Binary and empty files are refused.
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
      warnings.push('not valid UTF-8; decoded as windows-1252');
    }
  }
  // A stray BOM can survive the UTF-16 path when a file was concatenated from several.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (controlShare(text.slice(0, CONTROL_SAMPLE)) > 0.05) return { ok: false, reason: 'binary file' };
  if (!/\S/.test(text)) return { ok: false, reason: 'empty file' };
  return { ok: true, text, warnings };
}
