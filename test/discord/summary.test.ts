import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstAnswer, refused, withBot } from './harness.ts';

test('/summary ghazni: answered in time with an embed titled Ghazni, its sources and a counts footer', async () => {
  await withBot(async ({ fake }) => {
    const i = fake.command('summary', { topic: 'ghazni' });
    const { shown } = await firstAnswer(fake, i);
    assert.deepEqual(refused(fake), []);
    const [message] = shown;
    assert.ok(message, 'the user sees an answer');
    assert.equal(message.ephemeral, false, 'a digest is for the whole channel');
    assert.deepEqual(message.body.allowed_mentions, { parse: [] });
    const embeds = message.body.embeds ?? [];
    assert.equal(embeds[0]?.title, 'Ghazni');
    const description = embeds.map((e) => e.description).join('\n');
    assert.match(description, /^\*\*1\.\*\* .*Ghazni/m);
    assert.match(description, /^Sources: UrduPoint \/ Pakistan Point News · deccanherald\.com/m, 'every outlet of an item is listed');
    assert.match(description, /Outlets differ on the provincial capitals/);
    assert.match(embeds.at(-1)?.footer?.text ?? '', /^\d+ items? from \d+ articles?, \d+ outlets?$/);
  });
});
