/**
 * A small evaluation folder of made-up news stories, laid out as the bench commands read one
 * (`clusters/<id>/docs/*.txt`), so their tests need nothing beside the project. Each story is told
 * by several outlets that share facts in their own words, as DUC clusters do: the summarizer has
 * lead sentences to pick, repeats to drop and a word budget to fill.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Per story: what every outlet reports (in two wordings), then details only some of them carry. */
const STORIES: Record<string, { facts: [string, string][]; details: string[] }> = {
  'c-harbour-strike': {
    facts: [
      [
        'Dock workers at the port of Velmora walked off the job on Monday, halting container traffic at the country\'s busiest harbour.',
        'Container traffic at Velmora, the busiest harbour in the country, stopped on Monday after dock workers went on strike.',
      ],
      [
        'The union is demanding a nine percent pay rise and limits on night shifts after two years of record cargo volumes.',
        'Union leaders said members want a pay increase of nine percent and fewer night shifts, citing two years of record volumes.',
      ],
      [
        'The port authority said more than forty ships were waiting at anchor by Tuesday evening.',
        'By Tuesday evening more than forty vessels were anchored offshore waiting to unload, according to the port authority.',
      ],
    ],
    details: [
      'Transport minister Ilse Korvan urged both sides to return to talks and said the government would not intervene for now.',
      'Retailers warned that shelves could empty within a week if imports of fresh produce remained stuck at sea.',
      'The last strike at Velmora, in 2019, lasted eleven days and cost exporters an estimated 300 million euros.',
      'Truck drivers queued for several kilometres on the coastal motorway as the container terminals closed their gates.',
      'A spokesman for the shipping lines said some vessels had been diverted to smaller ports further north.',
      'Talks between the union and the port operators are due to resume on Thursday under a state mediator.',
    ],
  },
  'c-river-flood': {
    facts: [
      [
        'The river Alden burst its banks overnight, flooding hundreds of homes in the town of Brask and forcing 2,000 people to leave.',
        'About 2,000 residents of Brask were evacuated after the river Alden overflowed during the night and flooded hundreds of houses.',
      ],
      [
        'Three days of heavy rain had pushed the river more than four metres above its normal level.',
        'Forecasters said the Alden rose over four metres above normal after rain fell for three days without a break.',
      ],
      [
        'Rescue teams used boats to reach elderly residents trapped on the upper floors of their homes.',
        'Elderly people stranded upstairs in their houses were taken out by rescuers in boats.',
      ],
    ],
    details: [
      'The regional government declared a state of emergency and opened three schools as shelters.',
      'No deaths have been reported, but two firefighters were treated in hospital for hypothermia.',
      'Farmers downstream moved livestock to higher ground as the flood wave travelled towards the coast.',
      'The main rail line between Brask and the capital was closed after water covered a bridge.',
      'Residents said the flood defences built after the 2013 floods had held for most of the night before giving way.',
      'More rain is expected on Friday, and officials warned that the water could rise again over the weekend.',
    ],
  },
  'c-vaccine-trial': {
    facts: [
      [
        'A new malaria vaccine cut severe cases by 71 percent in young children, according to trial results published on Wednesday.',
        'Trial results released on Wednesday showed that a new malaria vaccine reduced severe cases among young children by 71 percent.',
      ],
      [
        'The trial followed 8,400 children aged five months to three years in four countries over two rainy seasons.',
        'Researchers tracked 8,400 children between five months and three years old in four countries across two rainy seasons.',
      ],
      [
        'The developers said they could produce 100 million doses a year once regulators approve the vaccine.',
        'Once approved, the vaccine could be made at a rate of 100 million doses a year, its developers said.',
      ],
    ],
    details: [
      'Malaria kills more than 600,000 people a year, most of them children under five.',
      'Side effects were mostly mild, such as fever and soreness at the injection site.',
      'Health officials cautioned that the vaccine must be combined with bed nets and prompt treatment to have its full effect.',
      'The lead investigator, Dr Sefa Ameyaw, called the results the strongest yet for any malaria vaccine.',
      'A booster dose given a year later kept protection above 60 percent, the researchers found.',
      'The developers plan to seek approval from regulators in the four trial countries before the end of the year.',
    ],
  },
};

const OUTLETS = ['wire', 'daily', 'courier', 'observer'];

/**
 * Writes the stories under `dir`, one cluster per story and one document per outlet, and returns
 * the cluster ids, sorted. Outlets alternate between the two wordings of each fact and each
 * leaves out a different third of the details, so no two documents are alike.
 */
export function writeNewsClusters(dir: string): string[] {
  for (const [id, story] of Object.entries(STORIES)) {
    const docs = join(dir, 'clusters', id, 'docs');
    mkdirSync(docs, { recursive: true });
    OUTLETS.forEach((outlet, k) => {
      const facts = story.facts.map((wordings, f) => wordings[(k + f) % 2]!);
      const details = story.details.filter((_, d) => (d + k) % 3 !== 0);
      const paragraphs = [facts[0]!, ...details.slice(0, 1), ...facts.slice(1), ...details.slice(1)];
      writeFileSync(join(docs, `${outlet}.txt`), `${paragraphs.join('\n\n')}\n`);
    });
  }
  return Object.keys(STORIES).sort();
}
