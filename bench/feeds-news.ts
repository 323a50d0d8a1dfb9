/**
 * Synthetic news for the feeds benchmark: items of 80 to 150 words about a few hundred stories
 * (a place, an event, an institution and a person, with fixed figures), so that outlets report
 * the same facts in other words and topics form as they do in real news. Everything is drawn from
 * a seed: a seed, a feed and an item index always give the same item. No downloads.
 */
import { createRandom, mixSeed, zipfCumulative, type Random } from './speed-random.ts';

export const PLACES = [
  'Lisbon', 'Nairobi', 'Osaka', 'Valparaiso', 'Gdansk', 'Mombasa', 'Rotterdam', 'Cebu', 'Tbilisi', 'Montevideo',
  'Hobart', 'Quebec', 'Marseille', 'Chennai', 'Busan', 'Krakow', 'Halifax', 'Accra', 'Bergen', 'Cordoba',
  'Tampere', 'Medan', 'Leipzig', 'Dakar',
] as const;

/** The place of the story that breaks in round 3 only: a topic the corpus did not know before. */
export const BREAKING_PLACE = 'Reykjavik';

const INSTITUTIONS = [
  'the city council', 'the port authority', 'the transport ministry', 'the regional government', 'the central bank',
  'the water utility', 'the teachers union', 'the health department', 'the coast guard', 'the chamber of commerce',
  'the energy regulator', 'the university hospital', 'the fire service', 'the housing agency',
];

const PEOPLE = [
  ['Elena Duarte', 'the mayor'], ['Samuel Okafor', 'a union leader'], ['Priya Raman', 'the health minister'],
  ['Tomasz Nowak', 'the port director'], ['Ana Ferreira', 'a council member'], ['Kenji Morita', 'the transport minister'],
  ['Grace Mensah', 'an opposition lawmaker'], ['Lukas Berger', 'the chief economist'], ['Marta Silva', 'the police chief'],
  ['David Levesque', 'the fire commissioner'], ['Amara Diallo', 'the housing minister'], ['Jonas Lind', 'a spokesman for the utility'],
  ['Rosa Jimenez', 'the school board chair'], ['Ibrahim Haddad', 'the trade minister'], ['Sofia Rossi', 'a city planner'],
  ['Nadia Petrova', 'the energy minister'],
] as const;

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** An event: how it is named, and fact sentences with the story's figures {a} and {b}. */
interface EventKind {
  name: string;
  title: string;
  facts: string[];
  quotes: string[];
}

const EVENTS: EventKind[] = [
  {
    name: 'a strike at the container terminal', title: 'port strike',
    facts: ['The strike has left {a} ships waiting offshore.', 'Dock workers are asking for a raise of {b} percent.', 'About {a} vessels were anchored outside the harbour by the evening.', 'Shipping companies said the stoppage costs them millions every day.'],
    quotes: ['We will not go back until the offer is serious', 'The terminal cannot stay closed much longer'],
  },
  {
    name: 'flooding along the river', title: 'floods',
    facts: ['The river rose {b} centimetres overnight.', 'Some {a} homes were evacuated in the lower districts.', 'Emergency crews built sandbag walls along the embankment.', 'Schools in {a} neighbourhoods stayed closed.'],
    quotes: ['The water is still rising and people must stay away from the banks', 'We have never seen the river this high'],
  },
  {
    name: 'a new tram line', title: 'tram line',
    facts: ['The line will be {b} kilometres long and serve {a} stops.', 'Construction is expected to cost about {a} million euros.', 'Residents complained about noise from the building sites.', 'The first trams are scheduled to run in {b} months.'],
    quotes: ['This line will change how people move through the city', 'The budget has to be watched closely'],
  },
  {
    name: 'a budget dispute', title: 'budget row',
    facts: ['The gap in the budget has grown to {a} million.', 'Spending on roads would fall by {b} percent under the plan.', 'The vote was postponed for the second time this month.', 'Opposition groups called the proposal unrealistic.'],
    quotes: ['We cannot spend money we do not have', 'These cuts hit the poorest families first'],
  },
  {
    name: 'a power outage', title: 'blackout',
    facts: ['About {a} thousand households lost electricity.', 'Power was restored after {b} hours in most districts.', 'Traffic lights failed across the centre during the rush hour.', 'Engineers traced the fault to a damaged substation.'],
    quotes: ['The grid needs investment, not promises', 'Crews worked through the night to restore supply'],
  },
  {
    name: 'a wildfire in the hills', title: 'wildfire',
    facts: ['The fire has burned {a} hectares of forest.', 'More than {b} firefighters were sent to the area.', 'Strong winds pushed the flames toward several villages.', 'Smoke closed the main highway for most of the day.'],
    quotes: ['The next two days will be decisive', 'Everyone in the evacuation zone must leave now'],
  },
  {
    name: 'a hospital expansion', title: 'hospital plan',
    facts: ['The new wing will add {a} beds.', 'Waiting times for surgery have risen by {b} percent this year.', 'Nurses said staffing remains the main problem.', 'The project is due to open in {b} months.'],
    quotes: ['Beds alone do not treat patients', 'This expansion is long overdue'],
  },
  {
    name: 'a data breach at the water utility', title: 'data breach',
    facts: ['Records of about {a} thousand customers were exposed.', 'The breach went unnoticed for {b} days.', 'Customers were told to change their passwords.', 'Investigators have not said who was behind the attack.'],
    quotes: ['We take the security of customer data very seriously', 'People deserve to know what was taken'],
  },
  {
    name: 'rising rents', title: 'rent crisis',
    facts: ['Average rents rose {b} percent in a year.', 'About {a} families are on the waiting list for social housing.', 'Tenant groups marched to the town hall on the weekend.', 'Builders blamed slow permits for the shortage.'],
    quotes: ['Young people can no longer afford to live here', 'We need to build faster and build more'],
  },
  {
    name: 'a teachers strike', title: 'school strike',
    facts: ['Classes were cancelled at {a} schools.', 'Teachers want their pay raised by {b} percent.', 'Parents scrambled to find care for their children.', 'Talks with the education office broke down late at night.'],
    quotes: ['We are fighting for our students as much as for ourselves', 'The offer on the table is fair'],
  },
  {
    name: 'a bridge closure', title: 'bridge closed',
    facts: ['Inspectors found cracks in {b} of the supporting pillars.', 'About {a} thousand vehicles a day must take a detour.', 'Ferries added extra crossings to carry commuters.', 'Repairs could take until the end of the year.'],
    quotes: ['Safety comes first, whatever the inconvenience', 'The warning signs were there for years'],
  },
  {
    name: 'a fishing quota dispute', title: 'fishing quotas',
    facts: ['The catch limit was cut by {b} percent.', 'About {a} fishing boats stayed in the harbour in protest.', 'Scientists warned that stocks are at their lowest level in decades.', 'Fishers said the cut threatens their livelihoods.'],
    quotes: ['Without fish there is no future for this town', 'The science leaves us no choice'],
  },
];

const VERBS = ['announced', 'criticised', 'defended', 'approved', 'postponed', 'confirmed', 'warned about', 'welcomed', 'questioned'];

/** Sentences any story may carry, with the story's place, institution, person and day: each in a few items. */
const CONTEXT = [
  'A final decision is expected by {day}.',
  'Officials in {place} said more details would follow later in the week.',
  'Local businesses said they were worried about the impact on trade.',
  'Similar problems were reported in {place} two years ago.',
  'The opposition demanded a full inquiry into the handling of the matter.',
  'Residents gathered outside the town hall to follow the debate.',
  'Analysts said the situation could weigh on the regional economy.',
  'A meeting between both sides is planned for {day}.',
  'The issue is likely to dominate the next council session.',
  'Critics said warnings had been ignored for months.',
  'Police said the situation remained calm throughout the day.',
  '{name} did not answer questions from reporters after the meeting.',
  '{capInstitution} said it would publish a full report on {day}.',
  'Several hundred people signed an online petition within hours.',
  'Tourism operators in {place} reported a wave of cancellations.',
  'The story led the evening news on regional television.',
  'Insurance companies are still assessing the cost.',
  '{name} has held the post for {b} years and faced criticism before.',
  'Environmental groups called for a longer term plan.',
  'Volunteers handed out food and water near the harbour.',
  'Shops in the old town closed early as a precaution.',
  'An independent expert said the figures were credible.',
  'The national government has so far stayed out of the dispute.',
  'Lawyers for the families said they were considering legal action.',
  'Rail services to the airport ran with delays.',
  '{capInstitution} had promised improvements in its last annual report.',
  'A similar plan was rejected by voters in a referendum in the past.',
  'Students organised a rally in the main square on {day}.',
  'Economists expect the effect on prices to be small.',
  'The mayor cut short a trip abroad to return to {place}.',
  'Hospitals said they were prepared for a busy weekend.',
  'Union representatives are due to meet on {day}.',
];

/** One story: the same facts in every item about it, whatever the outlet. */
export interface Story {
  place: string;
  event: EventKind;
  institution: string;
  person: readonly [string, string];
  a: number;
  b: number;
  day: string;
}

function drawStory(r: Random, place: string): Story {
  return {
    place,
    event: r.pick(EVENTS),
    institution: r.pick(INSTITUTIONS),
    person: r.pick(PEOPLE),
    a: r.int(12, 480),
    b: r.int(3, 40),
    day: r.pick(DAYS),
  };
}

/** How many stories the news is about: more than the places, so a place has several. */
const STORY_COUNT = 120;

export interface NewsItem {
  guid: string;
  title: string;
  /** Path of the item's page on the feed's own server. */
  path: string;
  published: Date;
  /** Plain text, two or three paragraphs; the feed carries them as HTML. */
  paragraphs: string[];
  place: string;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const WORDS = /\S+/g;
const wordCount = (s: string) => s.match(WORDS)?.length ?? 0;

/** The sentences of an item about `story`, up to 80 to 150 words, drawn with `r`. */
function writeItem(story: Story, r: Random): { title: string; paragraphs: string[] } {
  const [name, role] = story.person;
  const fill = (t: string) =>
    t.replace('{a}', String(story.a)).replace('{b}', String(story.b)).replace('{day}', story.day).replace('{place}', story.place)
      .replace('{name}', name).replace('{capInstitution}', capitalise(story.institution));
  const verb = r.pick(VERBS);
  const title = r.pick([
    `${story.place} ${story.event.title}: ${name} speaks out`,
    `${capitalise(story.institution)} ${verb} ${story.event.title} plan in ${story.place}`,
    `${capitalise(story.event.title)} in ${story.place}: what we know`,
    `${story.place}: ${story.event.title} enters day ${r.int(2, 9)}`,
  ]);
  const lead = `${capitalise(story.institution)} in ${story.place} ${verb} measures over ${story.event.name} on ${story.day}, ${r.pick(['after days of pressure', 'as the dispute deepened', 'in a move that surprised many', 'following a heated debate'])}.`;
  const quote = `"${r.pick(story.event.quotes)}," said ${name}, ${role}.`;
  // The story's facts and a quote first, in any order; context after them, as much as the length wants.
  const pool = [...r.shuffle([...story.event.facts.map(fill), quote]), ...r.shuffle(CONTEXT.map(fill)).slice(0, 8)];
  const target = r.int(80, 150);
  const sentences = [lead];
  let words = wordCount(lead);
  for (const sentence of pool) {
    if (words >= target) break;
    sentences.push(sentence);
    words += wordCount(sentence);
  }
  // A lead paragraph of two or three sentences, then the rest.
  const cut = Math.min(sentences.length, 2 + r.int(0, 1));
  return { title, paragraphs: [sentences.slice(0, cut), sentences.slice(cut)].filter((p) => p.length > 0).map((p) => p.join(' ')) };
}

/** The news of one seed: its stories, and items drawn from them. */
export class NewsWriter {
  readonly stories: Story[];
  readonly #weights: number[];

  constructor(readonly seed: number) {
    const r = createRandom(mixSeed(seed, 0x570));
    // Every place has stories, so every place is a topic; some stories are far bigger than others.
    this.stories = Array.from({ length: STORY_COUNT }, (_, i) => drawStory(r, PLACES[i % PLACES.length]!));
    r.shuffle(this.stories);
    this.#weights = zipfCumulative(this.stories.length, 0.8);
  }

  /** The place with the most reporting: a query that must find items. */
  get busiestPlace(): string {
    return this.stories[0]!.place;
  }

  /** Item `index` of feed `feed`, published within the 48 hours before `nowMs`. */
  item(feed: number, index: number, nowMs: number): NewsItem {
    const r = createRandom(mixSeed(this.seed, feed, index));
    const story = this.stories[r.weighted(this.#weights)]!;
    const published = new Date(nowMs - Math.floor(r.next() * 48 * 3_600_000));
    return { guid: `feed-${feed}-item-${index}`, path: `/feeds/${feed}/items/${index}.html`, published, place: story.place, ...writeItem(story, r) };
  }

  /** A new item about the breaking story, for feed `feed`, published at `nowMs`. */
  breaking(feed: number, index: number, nowMs: number): NewsItem {
    const r = createRandom(mixSeed(this.seed, feed, index, 0xb2));
    const story = drawStory(createRandom(mixSeed(this.seed, 0xb2)), BREAKING_PLACE);
    return { guid: `feed-${feed}-item-${index}`, path: `/feeds/${feed}/items/${index}.html`, published: new Date(nowMs), place: BREAKING_PLACE, ...writeItem(story, r) };
  }
}

const OUTLET_ADJECTIVES = ['Morning', 'Evening', 'Daily', 'Weekly', 'Northern', 'Coastal', 'Metro', 'Valley'];
const OUTLET_NOUNS = ['Courier', 'Ledger', 'Herald', 'Gazette', 'Dispatch', 'Observer', 'Tribune', 'Bulletin'];

/** The outlet of feed `feed`: its channel title, so digests name it. */
export function outletName(feed: number): string {
  const base = `${OUTLET_ADJECTIVES[feed % 8]} ${OUTLET_NOUNS[Math.floor(feed / 8) % 8]}`;
  return feed < 64 ? base : `${base} ${Math.floor(feed / 64) + 1}`;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An item's text as the HTML of its description (escaped once more by the XML around it). */
export const itemHtml = (item: NewsItem) => item.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('\n');

/** An RSS 2.0 document; `origin` is the feed server's `http://host:port`. */
export function rssDocument(title: string, origin: string, feedPath: string, items: readonly NewsItem[]): string {
  const entries = items.map(
    (item) => `    <item>
      <guid isPermaLink="false">${escapeXml(item.guid)}</guid>
      <title>${escapeXml(item.title)}</title>
      <link>${escapeXml(origin + item.path)}</link>
      <pubDate>${item.published.toUTCString()}</pubDate>
      <description>${escapeXml(itemHtml(item))}</description>
    </item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>${escapeXml(title)}</title>
    <link>${escapeXml(origin + feedPath)}</link>
    <description>Local news from ${escapeXml(title)}</description>
${entries.join('\n')}
  </channel>
</rss>
`;
}
