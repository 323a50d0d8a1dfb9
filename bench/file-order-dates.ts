/**
 * Dates for the DUC clusters, which carry none, from the order of their files. D01..D10 are the
 * DUC document ids sorted (APW19981016.0240 < APW19981022.0269 < ... < NYT19981114.0099): by wire
 * service, then by day, then by the number of the story within the day, so within one service the
 * files are in the order they were sent. The published Lead baseline is "the first 665 bytes of the
 * latest article", which names the cluster's latest file. The files up to it are dated in their
 * order, an hour apart; the files after it belong to a service that ran no later, at times the
 * names do not place against the first, and stay undated (so nothing is said about them).
 *
 * What this assumes: that the files up to the latest are all of one service, or that a second
 * service's files among them came out after the first's. Where a line depends on it, its direction
 * is checked against what the articles themselves say ("police first gave 65") in the labels.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Any instant will do: only the order of the files counts. */
const START = Date.UTC(1998, 0, 1);
const HOUR = 3_600_000;
/** Enough of the Lead's text to tell one file from another that starts alike. */
const PREFIX = 200;

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * The index of the cluster's latest file by its Lead baseline (the last file that starts with the
 * Lead's text, as a story sent twice starts alike), or undefined without a Lead file or a match.
 */
export function latestByLead(dataDir: string, cluster: string, texts: readonly string[]): number | undefined {
  const file = join(dataDir, 'reference-systems', 'Lead', `${cluster}.txt`);
  if (!existsSync(file)) return undefined;
  const lead = flat(readFileSync(file, 'utf8')).slice(0, PREFIX);
  if (lead === '') return undefined;
  const at = texts.map((t) => flat(t).startsWith(lead)).lastIndexOf(true);
  return at < 0 ? undefined : at;
}

/** For each file, in file order, an ISO time, or undefined where the order says nothing. */
export function fileOrderDates(dataDir: string, cluster: string, texts: readonly string[]): (string | undefined)[] {
  const latest = latestByLead(dataDir, cluster, texts);
  return texts.map((_, i) => (latest !== undefined && i <= latest ? new Date(START + i * HOUR).toISOString() : undefined));
}
