import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { COMMANDS } from '../commands/registry.ts';
import { PLACEHOLDER_REQUEST_URL, slackManifestYaml } from '../adapters/slack/manifest.ts';

// npx tsx src/cli/slack-manifest.ts [--url https://HOST/slack/events] [--write]
// Prints the Slack app manifest; --write also saves it as slack-manifest.yaml at the project root.
const { values } = parseArgs({ options: { url: { type: 'string' }, write: { type: 'boolean' } } });
const url = values.url ?? PLACEHOLDER_REQUEST_URL;
if (!/^https:\/\/[^\s]+$/.test(url)) {
  console.error('--url must be the https URL Slack can reach, ending in /slack/events');
  process.exit(1);
}
const yaml = slackManifestYaml(COMMANDS, url);
if (values.write) writeFileSync(fileURLToPath(new URL('../../slack-manifest.yaml', import.meta.url)), yaml);
process.stdout.write(yaml);
