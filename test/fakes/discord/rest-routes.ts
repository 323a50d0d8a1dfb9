import { messageObject, snowflake, type FakeUser } from './payloads.ts';
import { DISCORD_MAX, EMPTY_MESSAGE, messageProblems, type MessageBody } from './limits.ts';

export interface Answer {
  status: number;
  body?: unknown;
}

/** A message as the fake stores it: what was sent, and what Discord would show. */
export interface StoredMessage {
  id: string;
  channelId: string;
  body: MessageBody;
  ephemeral: boolean;
}

export interface InteractionState {
  id: string;
  token: string;
  type: 2 | 4;
  channelId: string;
  createdAt: number;
  /** The initial callback's type once answered: 4 reply, 5 defer, 8 autocomplete choices. */
  answered?: number;
  original?: StoredMessage;
  originalDeleted: boolean;
  followUps: StoredMessage[];
}

export const ERROR = {
  unauthorized: { status: 401, body: { message: '401: Unauthorized', code: 0 } },
  unknownInteraction: { status: 404, body: { message: 'Unknown interaction', code: 10062 } },
  alreadyAcknowledged: { status: 400, body: { message: 'Interaction has already been acknowledged.', code: 40060 } },
  unknownWebhook: { status: 404, body: { message: 'Unknown Webhook', code: 10015 } },
  unknownMessage: { status: 404, body: { message: 'Unknown Message', code: 10008 } },
  unknownChannel: { status: 404, body: { message: 'Unknown Channel', code: 10003 } },
  notFound: { status: 404, body: { message: '404: Not Found', code: 0 } },
} satisfies Record<string, Answer>;

/** Discord's 50035 answer, with `errors` nested by field path as Discord nests them. */
export function invalidForm(problems: string[]): Answer {
  if (problems.length === 1 && problems[0] === EMPTY_MESSAGE) return { status: 400, body: { message: EMPTY_MESSAGE, code: 50006 } };
  const errors: Record<string, any> = {};
  for (const problem of problems) {
    const [path, message] = problem.includes(': ') ? [problem.slice(0, problem.indexOf(': ')), problem.slice(problem.indexOf(': ') + 2)] : ['_body', problem];
    let node = errors;
    for (const key of path.split('.')) node = node[key] ??= {};
    (node._errors ??= []).push({ code: 'BASE_TYPE_INVALID', message });
  }
  return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors } };
}

// Discord gives an interaction 3 seconds for its first answer.
const CALLBACK_WINDOW_MS = 3000;

/** The interaction callback, with Discord's strictness about time and double answers. */
export function interactionCallback(state: InteractionState | undefined, body: { type: number; data?: Record<string, unknown> }, bot: FakeUser, withResponse: boolean): Answer {
  if (!state || Date.now() - state.createdAt > CALLBACK_WINDOW_MS) return ERROR.unknownInteraction;
  if (state.answered !== undefined) return ERROR.alreadyAcknowledged;
  const allowed = state.type === 4 ? [8] : [4, 5];
  if (!allowed.includes(body.type)) return invalidForm([`type: interaction response type ${body.type} is not valid for this interaction`]);
  const data = body.data ?? {};
  if (body.type === 8) {
    const choices = (data.choices ?? []) as { name: string; value: string }[];
    const problems = choices.length > 25 ? ['data.choices: Must be 25 or fewer in length.'] : [];
    choices.forEach((c, i) => {
      if (!c.name || c.name.length > 100) problems.push(`data.choices.${i}.name: Must be between 1 and 100 in length.`);
      if (String(c.value).length > 100) problems.push(`data.choices.${i}.value: Must be 100 or fewer in length.`);
    });
    if (problems.length) return invalidForm(problems);
  }
  if (body.type === 4) {
    const problems = messageProblems(data);
    if (problems.length) return invalidForm(problems);
  }
  state.answered = body.type;
  if (body.type === 4 || body.type === 5) {
    const flags = Number(data.flags ?? 0);
    state.original = { id: snowflake(), channelId: state.channelId, body: body.type === 4 ? data : { content: '' }, ephemeral: (flags & 64) !== 0 };
  }
  if (!withResponse) return { status: 204 };
  const message = state.original ? messageObject(state.original.id, state.channelId, state.original.body as Record<string, unknown>, bot) : undefined;
  return {
    status: 200,
    body: {
      interaction: { id: state.id, type: state.type, response_message_id: state.original?.id, response_message_loading: body.type === 5, response_message_ephemeral: state.original?.ephemeral ?? false },
      resource: { type: body.type, ...(message ? { message } : {}) },
    },
  };
}

/** The interaction's webhook: the original response and follow-ups, usable once the interaction was answered. */
export function interactionWebhook(state: InteractionState | undefined, method: string, rest: string, body: MessageBody, bot: FakeUser): Answer {
  if (!state || state.answered === undefined || state.answered === 8) return ERROR.unknownWebhook;
  const show = (m: StoredMessage) => ({ status: 200, body: messageObject(m.id, m.channelId, { ...m.body, flags: m.ephemeral ? 64 : 0 }, bot) });
  if (rest === '/messages/@original') {
    const original = state.original;
    if (!original || state.originalDeleted) return ERROR.unknownMessage;
    if (method === 'GET') return show(original);
    if (method === 'DELETE') {
      state.originalDeleted = true;
      return { status: 204 };
    }
    if (method === 'PATCH') {
      const problems = messageProblems(body, true);
      if (problems.length) return invalidForm(problems);
      const { content, embeds, allowed_mentions } = body;
      original.body = { ...original.body, ...(content !== undefined ? { content } : {}), ...(embeds !== undefined ? { embeds } : {}), allowed_mentions };
      return show(original);
    }
  }
  if (rest === '' && method === 'POST') {
    const problems = messageProblems(body);
    if (problems.length) return invalidForm(problems);
    const message = { id: snowflake(), channelId: state.channelId, body, ephemeral: ((body.flags ?? 0) & 64) !== 0 };
    state.followUps.push(message);
    return show(message);
  }
  return ERROR.notFound;
}

/** Posting to a channel, with `enforce_nonce` answered by the message already posted under that nonce. */
export function channelMessage(channelId: string, body: MessageBody, byNonce: Map<string, StoredMessage>, posted: StoredMessage[], bot: FakeUser): Answer {
  const problems = messageProblems(body);
  if (body.enforce_nonce && body.nonce === undefined) problems.push('nonce: required when enforce_nonce is set');
  if (problems.length) return invalidForm(problems);
  const key = body.enforce_nonce ? `${channelId}:${String(body.nonce).slice(0, DISCORD_MAX.nonce)}` : undefined;
  const earlier = key ? byNonce.get(key) : undefined;
  const message = earlier ?? { id: snowflake(), channelId, body, ephemeral: false };
  if (!earlier) {
    posted.push(message);
    if (key) byNonce.set(key, message);
  }
  return { status: 200, body: messageObject(message.id, channelId, message.body as Record<string, unknown>, bot) };
}
