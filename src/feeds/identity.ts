import { createHash } from 'node:crypto';

// Parameters that say where a click came from, not which article it is.
const TRACKING = /^(?:utm_.*|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|__s)$/i;

/**
 * The link as an article's identity: tracking parameters and fragment removed, scheme and host
 * lowercased (by URL), default port dropped. Undefined when it is not an absolute http(s) URL.
 */
export function canonicalLink(link: string | undefined, base?: string): string | undefined {
  if (!link?.trim()) return undefined;
  let url: URL;
  try {
    url = new URL(link.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  url.username = '';
  url.password = '';
  for (const name of [...url.searchParams.keys()]) if (TRACKING.test(name)) url.searchParams.delete(name);
  // URLSearchParams re-encodes what it keeps; leave an untouched query as the outlet wrote it.
  if (url.searchParams.size === 0) url.search = '';
  return url.href;
}

/** What identifies an item, from its fields as the feed gives them. */
export interface IdentityInput {
  guid?: string;
  link?: string;
  title?: string;
  published?: string;
}

/**
 * An item's stable identity: its guid, else its canonical link, else a hash of its title and
 * date, so the same item read again (or from a restarted bot) has the same identity.
 */
export function itemIdentity(item: IdentityInput): string {
  const guid = item.guid?.trim();
  if (guid) return guid;
  const link = canonicalLink(item.link);
  if (link) return link;
  const digest = createHash('sha256').update(`${(item.title ?? '').trim()}\n${item.published ?? ''}`).digest('hex');
  return `hash:${digest.slice(0, 32)}`;
}
