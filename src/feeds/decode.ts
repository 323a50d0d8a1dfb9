/** Text of a fetched document and the encoding it was read as. */
export interface DecodedText {
  text: string;
  encoding: string;
}

const PROLOG_ENCODING = /^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;

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

function tryDecode(bytes: Uint8Array, label: string): DecodedText | undefined {
  let decoder: TextDecoder;
  try {
    // UTF-8 must be valid to be believed: a wrong header is common, a wrong prolog may follow.
    decoder = new TextDecoder(label, { fatal: /^utf-?8$/i.test(label) });
  } catch {
    return undefined; // an encoding TextDecoder does not know
  }
  try {
    return { text: decoder.decode(bytes), encoding: decoder.encoding };
  } catch {
    return undefined;
  }
}

/**
 * Decodes a feed's bytes: by its byte-order mark, else the Content-Type charset, else the XML
 * prolog's encoding, else UTF-8. A label that is unknown, or UTF-8 the bytes are not, falls to the
 * next; the last resort is UTF-8 with replacement characters.
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType?: string): DecodedText {
  for (const label of [bomEncoding(bytes), charsetOf(contentType), prologEncoding(bytes), 'utf-8']) {
    if (label === undefined) continue;
    const decoded = tryDecode(bytes, label);
    if (decoded) return decoded;
  }
  return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
}
