/**
 * The Block Kit rules Slack enforces with `invalid_blocks`, as far as this bot's messages can
 * break them. The fake refuses a message that breaks any, so a renderer bug fails a test the way
 * it would fail in Slack.
 */
export const LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, contextElements: 10, contextText: 3000, messageText: 40_000 };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function textProblems(where: string, text: unknown, max: number, types: readonly string[]): string[] {
  if (!isObj(text) || typeof text.text !== 'string' || !types.includes(String(text.type))) return [`${where}: not a ${types.join('/')} text object`];
  if (text.text.length === 0) return [`${where}: empty text`];
  if (text.text.length > max) return [`${where}: ${text.text.length} characters (max ${max})`];
  return [];
}

/** Every reason Slack would refuse this message; empty when it is valid. */
export function messageProblems(message: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  if (typeof message.text === 'string' && message.text.length > LIMITS.messageText) problems.push(`text: ${message.text.length} characters`);
  if (message.blocks === undefined) return typeof message.text === 'string' && message.text ? problems : ['no text and no blocks'];
  const blocks = message.blocks;
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  if (blocks.length === 0) problems.push('blocks is empty');
  if (blocks.length > LIMITS.blocks) problems.push(`${blocks.length} blocks (max ${LIMITS.blocks})`);
  blocks.forEach((block: unknown, i) => {
    const where = `blocks[${i}]`;
    if (!isObj(block)) return problems.push(`${where}: not an object`);
    switch (block.type) {
      case 'header':
        return problems.push(...textProblems(`${where}.text`, block.text, LIMITS.headerText, ['plain_text']));
      case 'section':
        return problems.push(...textProblems(`${where}.text`, block.text, LIMITS.sectionText, ['mrkdwn', 'plain_text']));
      case 'context': {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length === 0 || elements.length > LIMITS.contextElements) problems.push(`${where}: ${elements.length} context elements`);
        return elements.forEach((e, j) => problems.push(...textProblems(`${where}.elements[${j}]`, e, LIMITS.contextText, ['mrkdwn', 'plain_text'])));
      }
      case 'divider':
        return;
      default:
        return problems.push(`${where}: unknown block type ${String(block.type)}`);
    }
  });
  return problems;
}
