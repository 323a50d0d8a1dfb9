import { decodeWindows1252 } from '../core/load/decode-text.ts';

/** Text of a fetched document and the encoding it was read as. */
export interface DecodedText {
  text: string;
  encoding: string;
}

const PROLOG_ENCODING = /^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;
// Both `<meta charset="x">` and `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i;
// How far a browser looks for the meta charset (the HTML standard's prescan): further down, a
// page quoting markup could name a charset that is not its own.
const META_PRESCAN_BYTES = 1024;

/** The charset parameter of a Content-Type header, if any. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m?.[1];
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The encoding named in an XML prolog; the prolog is ASCII in every encoding a feed uses. */
function prologEncoding(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).trimStart();
  return PROLOG_ENCODING.exec(head)?.[1];
}

/** The charset a page's `<meta>` names, as a browser reads it. */
function metaCharset(bytes: Uint8Array): string | undefined {
  const label = META_CHARSET.exec(new TextDecoder('latin1').decode(bytes.subarray(0, META_PRESCAN_BYTES)))?.[1];
  // A page whose meta could be read as ASCII is not UTF-16, whatever it says (the HTML standard reads it as UTF-8).
  return label !== undefined && /^utf-?16/i.test(label) ? 'utf-8' : label;
}

function tryDecode(bytes: Uint8Array, label: string): DecodedText | undefined {
  let decoder: TextDecoder;
  try {
    // UTF-8 must be valid to be believed: a wrong header is common, a wrong prolog may follow.
    decoder = new TextDecoder(label, { fatal: /^utf-?8$/i.test(label) });
  } catch {
    return undefined; // an encoding TextDecoder does not know
  }
  // Node's windows-1252 decoder (which latin1 and ISO-8859-1 also name) leaves 0x80-0x9F as C1
  // controls, so the curly quotes, dashes and euro sign of Western pages would be lost.
  if (decoder.encoding === 'windows-1252') return { text: decodeWindows1252(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), encoding: decoder.encoding };
  try {
    return { text: decoder.decode(bytes), encoding: decoder.encoding };
  } catch {
    return undefined;
  }
}

/** The first label that decodes the bytes; the last resort is UTF-8 with replacement characters. */
function decodeByFirst(bytes: Uint8Array, labels: (string | undefined)[]): DecodedText {
  for (const label of [...labels, 'utf-8']) {
    if (label === undefined) continue;
    const decoded = tryDecode(bytes, label);
    if (decoded) return decoded;
  }
  return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
}

/**
 * Decodes a feed's bytes: by its byte-order mark, else the Content-Type charset, else the XML
 * prolog's encoding, else UTF-8. A label that is unknown, or UTF-8 the bytes are not, falls to the
 * next; the last resort is UTF-8 with replacement characters.
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType?: string): DecodedText {
  return decodeByFirst(bytes, [bomEncoding(bytes), charsetOf(contentType), prologEncoding(bytes)]);
}

/**
 * Decodes an HTML page's bytes as {@link decodeFeedBytes} does a feed's, with the page's
 * `<meta charset>` (or `http-equiv` Content-Type) in the first 1024 bytes in place of the XML prolog.
 */
export function decodeHtmlBytes(bytes: Uint8Array, contentType?: string): DecodedText {
  return decodeByFirst(bytes, [bomEncoding(bytes), charsetOf(contentType), metaCharset(bytes)]);
}
