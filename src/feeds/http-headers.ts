import type { IncomingHttpHeaders } from 'node:http';

const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Retry-After as milliseconds from now: delta-seconds or an HTTP date (RFC 9110 10.2.3). */
export function retryAfterMs(headers: IncomingHttpHeaders, now = Date.now()): number | undefined {
  const value = header(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Cache-Control max-age as milliseconds (s-maxage is for shared caches and is not read). */
export function maxAgeMs(headers: IncomingHttpHeaders): number | undefined {
  const m = /(?:^|[,\s])max-age\s*=\s*"?(\d+)/i.exec(header(headers, 'cache-control') ?? '');
  return m ? Number(m[1]) * 1000 : undefined;
}

export { header };
