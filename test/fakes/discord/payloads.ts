/** Discord-shaped objects the fake hands out: users, guilds, channels, messages and interactions. */

let counter = 0n;
/** Fresh snowflakes that sort by creation, like Discord's. */
export function snowflake(): string {
  counter += 1n;
  return (((BigInt(Date.now()) - 1420070400000n) << 22n) + counter).toString();
}

/**
 * A fresh snowflake of a server that Discord would send to shard `shard` of `count`: the shard
 * of a server is (id >> 22) % count, its creation time in ms since Discord's epoch.
 */
export function snowflakeOnShard(shard: number, count: number): string {
  counter += 1n;
  const ms = BigInt(Date.now()) - 1420070400000n;
  const onShard = ms - ((ms - BigInt(shard)) % BigInt(count));
  return ((onShard << 22n) + counter).toString();
}

/** The shard that receives a server's events, as Discord computes it. */
export const shardOf = (guildId: string, count: number): number => Number((BigInt(guildId) >> 22n) % BigInt(count));

export interface FakeUser {
  id: string;
  username: string;
}

export const user = (u: FakeUser, bot = false) => ({ ...u, discriminator: '0', global_name: u.username, avatar: null, bot });

export function textChannel(id: string, guildId: string, name: string) {
  return { id, type: 0, guild_id: guildId, name, position: 0, permission_overwrites: [], nsfw: false, topic: null, last_message_id: null, parent_id: null, rate_limit_per_user: 0 };
}

export function guildCreate(id: string, channels: ReturnType<typeof textChannel>[], ownerId: string) {
  return {
    id,
    name: 'Fake News Server',
    icon: null,
    owner_id: ownerId,
    unavailable: false,
    member_count: 2,
    large: false,
    features: [],
    roles: [{ id, name: '@everyone', permissions: '0', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
    emojis: [],
    stickers: [],
    channels,
    threads: [],
    members: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    joined_at: new Date().toISOString(),
    preferred_locale: 'en-US',
    premium_tier: 0,
    system_channel_flags: 0,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
  };
}

export function messageObject(id: string, channelId: string, body: Record<string, unknown>, author: FakeUser) {
  return {
    id,
    channel_id: channelId,
    type: 0,
    content: body.content ?? '',
    embeds: body.embeds ?? [],
    author: user(author, true),
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    components: [],
    pinned: false,
    flags: body.flags ?? 0,
    ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
  };
}

export interface InteractionSpec {
  type: 2 | 4;
  applicationId: string;
  guildId: string;
  channel: ReturnType<typeof textChannel>;
  command: { name: string; options: { name: string; value: string; focused?: boolean }[] };
  member: { user: FakeUser; permissions: string };
}

export function interactionPayload(id: string, token: string, spec: InteractionSpec) {
  return {
    id,
    application_id: spec.applicationId,
    type: spec.type,
    token,
    version: 1,
    data: {
      id: `cmd-${spec.command.name}`,
      name: spec.command.name,
      type: 1,
      guild_id: spec.guildId,
      options: spec.command.options.map((o) => ({ type: 3, ...o })),
    },
    guild_id: spec.guildId,
    guild: { id: spec.guildId, locale: 'en-US', features: [] },
    channel_id: spec.channel.id,
    channel: spec.channel,
    member: { user: user(spec.member.user), permissions: spec.member.permissions, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, nick: null, avatar: null },
    locale: 'en-US',
    guild_locale: 'en-US',
    app_permissions: '2248473465835073',
    entitlements: [],
    authorizing_integration_owners: { '0': spec.guildId },
    context: 0,
    attachment_size_limit: 8_388_608,
  };
}
