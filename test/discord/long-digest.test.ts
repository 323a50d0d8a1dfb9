import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messageProblems, DISCORD_MAX, embedChars } from '../fakes/discord/limits.ts';
import { tempArticles } from '../helpers/fixtures.ts';
import { answerWithFooter, loadedDeps, refused, withBot } from './harness.ts';

// Made-up words: every sentence is distinct (so none merge), and a word cut in two would not be one of them.
const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'dor', 'tas', 'vel', 'quin', 'bar', 'sho', 'ut', 'ne', 'pra', 'gil', 'om'];
function longArticles() {
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const word = () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join('');
  const vocabulary = new Set<string>();
  const files: Record<string, string> = {};
  for (let a = 0; a < 8; a++) {
    const paragraphs = Array.from({ length: 12 }, (_, p) => {
      const words = Array.from({ length: 40 + Math.floor(random() * 60) }, word);
      for (const w of words) vocabulary.add(w);
      return `Zaranj ${words.join(' ')} number ${a * 100 + p}.`;
    });
    files[`zaranj-${a}.md`] = `---\ntitle: Zaranj report ${a}\nsource: Outlet ${a}\nurl: https://example.org/zaranj/${a}\n---\n\n${paragraphs.join('\n\n')}\n`;
  }
  return { ...tempArticles(files), vocabulary };
}

test('a long digest is split across embeds and messages under every Discord limit, at item boundaries, no word cut', async () => {
  const articles = longArticles();
  const long = { items: 60, words: 20_000 };
  const deps = await loadedDeps(articles.dir, { short: long, medium: long, long });
  try {
    await withBot(
      async ({ fake }) => {
        const i = fake.command('summary', { topic: 'zaranj', length: 'long' });
        const shown = await answerWithFooter(fake, i);
        assert.deepEqual(refused(fake), []);
        assert.ok(shown.length >= 2, `split into ${shown.length} messages`);

        const embeds = shown.flatMap((m) => m.body.embeds ?? []);
        for (const m of shown) {
          assert.deepEqual(messageProblems(m.body), []);
          assert.deepEqual(m.body.allowed_mentions, { parse: [] }, 'follow-ups too');
          assert.ok((m.body.embeds ?? []).length <= DISCORD_MAX.embeds);
          assert.ok((m.body.embeds ?? []).reduce((n, e) => n + embedChars(e), 0) <= DISCORD_MAX.total);
          assert.equal(m.ephemeral, false);
        }
        assert.equal(embeds[0]?.title?.toLowerCase(), 'zaranj');
        assert.deepEqual(embeds.map((e) => Boolean(e.title)), embeds.map((_, n) => n === 0), 'the title once, on top');
        assert.deepEqual(embeds.map((e) => Boolean(e.footer)), embeds.map((_, n) => n === embeds.length - 1), 'the footer once, at the end');

        const text = embeds.map((e) => e.description ?? '').join('\n\n');
        const numbers = [...text.matchAll(/^\*\*(\d+)\.\*\* /gm)].map((m) => Number(m[1]));
        assert.ok(numbers.length > 20, `${numbers.length} items`);
        assert.deepEqual(numbers, numbers.map((_, n) => n + 1), 'every item once, in order');
        assert.match(embeds.at(-1)!.footer!.text ?? '', new RegExp(`^${numbers.length} items from \\d+ articles, \\d+ outlets$`));

        for (const description of embeds.map((e) => e.description ?? '')) {
          const words = description
            .replace(/\[[^\]]*\]\([^)]*\)/g, ' ')
            .replace(/\*\*\d+\.\*\*|Sources:|·|Zaranj|number|\d+\./g, ' ')
            .split(/\s+/)
            .filter(Boolean);
          const cut = words.filter((w) => !articles.vocabulary.has(w));
          assert.deepEqual(cut, [], 'no word is cut or altered');
        }
      },
      { deps },
    );
  } finally {
    articles.cleanup();
  }
});
