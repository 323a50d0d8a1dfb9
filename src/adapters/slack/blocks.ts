/** Slack's documented Block Kit limits that a digest can reach. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  /**
   * Our own ceiling on the mrkdwn in one message: far below the 40,000 characters Slack cuts a
   * message at, so a long digest becomes several readable messages instead of one wall.
   */
  messageText: 12_000,
} as const;

export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
  /** True: Slack must not turn names or URLs in the text into mentions or links on its own. */
  verbatim: true;
}

export interface HeaderBlock {
  type: 'header';
  text: { type: 'plain_text'; text: string; emoji: false };
}

export interface SectionBlock {
  type: 'section';
  text: MrkdwnText;
}

export interface ContextBlock {
  type: 'context';
  elements: MrkdwnText[];
}

export type SlackBlock = HeaderBlock | SectionBlock | ContextBlock;

/** One message as Slack takes it: `text` is the notification and fallback, already mrkdwn-safe. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

const mrkdwn = (text: string): MrkdwnText => ({ type: 'mrkdwn', text, verbatim: true });

export const section = (text: string): SectionBlock => ({ type: 'section', text: mrkdwn(text) });

export const context = (text: string): ContextBlock => ({ type: 'context', elements: [mrkdwn(text)] });

/** A header from plain text, cut at a word to Slack's 150 characters. */
export function header(plain: string): HeaderBlock {
  const max = SLACK_LIMITS.headerText;
  let text = plain.trim() || ' ';
  if (text.length > max) {
    const cut = text.lastIndexOf(' ', max - 1);
    text = `${text.slice(0, cut > max / 2 ? cut : max - 1).trimEnd()}…`;
  }
  return { type: 'header', text: { type: 'plain_text', text, emoji: false } };
}

/** The mrkdwn a block shows, for sizing messages. */
export function blockText(block: SlackBlock): string {
  if (block.type === 'context') return block.elements.map((e) => e.text).join(' ');
  return block.text.text;
}

/**
 * Packs blocks into messages within the block count and text ceiling, in order. A message breaks
 * only between blocks, and blocks are already cut at item and sentence boundaries.
 */
export function packMessages(blocks: readonly SlackBlock[], fallback: (index: number, blocks: SlackBlock[]) => string): SlackMessage[] {
  const groups: SlackBlock[][] = [];
  let current: SlackBlock[] = [];
  let chars = 0;
  for (const block of blocks) {
    const size = blockText(block).length;
    if (current.length > 0 && (current.length >= SLACK_LIMITS.blocksPerMessage || chars + size > SLACK_LIMITS.messageText)) {
      groups.push(current);
      current = [];
      chars = 0;
    }
    current.push(block);
    chars += size;
  }
  if (current.length) groups.push(current);
  return groups.map((group, i) => ({ text: fallback(i, group), blocks: group }));
}
