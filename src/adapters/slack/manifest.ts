import { Document, isMap, isScalar } from 'yaml';
import type { CommandDefinition, OptionSpec } from '../../commands/types.ts';

/** Where Slack sends slash commands in HTTP mode until the installer puts their own host here. */
export const PLACEHOLDER_REQUEST_URL = 'https://your-bot.example.com/slack/events';

const NOTES = {
  header: [
    ' Slack app manifest for the news-digest bot. Generated from the command definitions:',
    '   npx tsx src/cli/slack-manifest.ts --url https://YOUR-HOST/slack/events --write',
    ' then paste it at https://api.slack.com/apps -> Create New App -> From a manifest.',
  ].join('\n'),
  scopes: [
    ' commands: the slash commands; chat:write: post digests and replies;',
    ' chat:write.public: post scheduled digests in public channels the bot was not invited to;',
    ' channels:history, groups:history: after a crash, look for the bot\'s own digest in the channel',
    ' before posting it again (read in channels the bot is in, public and private).',
  ].join('\n'),
  socketMode: [
    ' Off: Slack POSTs commands to the url of each command (SLACK_SIGNING_SECRET verifies them).',
    ' On: no public URL needed; create an app-level token with connections:write and set',
    ' SLACK_APP_TOKEN=xapp-... (the command urls are then unused).',
  ].join('\n'),
};

function optionHint(o: OptionSpec): string {
  const shown = o.choices ? o.choices.join('|') : o.name;
  return o.required ? shown : `[${shown}]`;
}

/** `topic [short|medium|long]`: what Slack shows while the command is typed. */
export function usageHint(def: CommandDefinition): string {
  return def.options.map(optionHint).join(' ');
}

/** The manifest as data: one slash command per definition, the scopes, the settings. */
export function slackManifest(commands: readonly CommandDefinition[], requestUrl = PLACEHOLDER_REQUEST_URL) {
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'News Digest',
      description: 'Short, deduplicated news digests per topic, on demand and daily',
    },
    features: {
      bot_user: { display_name: 'News Digest', always_online: false },
      slash_commands: commands.map((def) => ({
        command: `/${def.name}`,
        url: requestUrl,
        description: def.description,
        ...(def.options.length ? { usage_hint: usageHint(def) } : {}),
        // Topics go to the bot as typed, not with user and channel names turned into ids.
        should_escape: false,
      })),
    },
    oauth_config: { scopes: { bot: ['commands', 'chat:write', 'chat:write.public', 'channels:history', 'groups:history'] } },
    settings: { org_deploy_enabled: false, socket_mode_enabled: false, token_rotation_enabled: false },
  };
}

function noteBefore(doc: Document, path: string[], note: string) {
  const parent = doc.getIn(path.slice(0, -1), true);
  const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === path.at(-1)) : undefined;
  if (pair && isScalar(pair.key)) pair.key.commentBefore = note;
}

/** The manifest as YAML with notes for whoever installs the app; Slack accepts YAML manifests. */
export function slackManifestYaml(commands: readonly CommandDefinition[], requestUrl = PLACEHOLDER_REQUEST_URL): string {
  const doc = new Document(slackManifest(commands, requestUrl));
  doc.commentBefore = NOTES.header;
  noteBefore(doc, ['oauth_config', 'scopes'], NOTES.scopes);
  noteBefore(doc, ['settings', 'socket_mode_enabled'], NOTES.socketMode);
  return doc.toString({ lineWidth: 0 });
}
