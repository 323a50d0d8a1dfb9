/**
 * Item pairs of the published systems' DUC 2004 dev summaries, read and labelled by hand: does the
 * pair tell one event twice (`repeat`)? The calibration set of the repeated-events check
 * (`REPEATED_EVENT` in reader-checks.ts). `i` and `j` index the sentences of
 * `reference-systems/<system>/<cluster>.txt` as `splitSummarySentences` splits it; the texts stay in
 * the data folder (DUC user agreement). Chosen to be hard: 41 pairs drawn at random across five
 * bands of event-word overlap from 0.3 up, then 30 with an event-word Jaccard between 0.15 and 0.45.
 * A repeat is a pair whose second item a reader would find already told (the same arrest, the same
 * rescue package, the same failed coalition attempt), not merely the same people or topic.
 */
export interface LabelledPair {
  system: string;
  cluster: string;
  i: number;
  j: number;
  repeat: boolean;
}

export const REPEAT_LABELS: readonly LabelledPair[] = [
  { system: 'Centroid', cluster: 'd30003t', i: 1, j: 3, repeat: false },
  { system: 'Centroid', cluster: 'd30022t', i: 1, j: 2, repeat: false },
  { system: 'Centroid', cluster: 'd30031t', i: 0, j: 1, repeat: false },
  { system: 'Centroid', cluster: 'd30040t', i: 0, j: 4, repeat: false },
  { system: 'Centroid', cluster: 'd30040t', i: 1, j: 2, repeat: false },
  { system: 'DPP', cluster: 'd30026t', i: 3, j: 4, repeat: false },
  { system: 'DPP', cluster: 'd30028t', i: 1, j: 4, repeat: false },
  { system: 'ICSISumm', cluster: 'd30017t', i: 0, j: 1, repeat: false },
  { system: 'ICSISumm', cluster: 'd30048t', i: 0, j: 1, repeat: false },
  { system: 'Lead', cluster: 'd30017t', i: 0, j: 1, repeat: true },
  { system: 'LexRank', cluster: 'd30001t', i: 0, j: 1, repeat: false },
  { system: 'LexRank', cluster: 'd30001t', i: 1, j: 3, repeat: false },
  { system: 'LexRank', cluster: 'd30011t', i: 0, j: 2, repeat: false },
  { system: 'LexRank', cluster: 'd30011t', i: 0, j: 3, repeat: true },
  { system: 'LexRank', cluster: 'd30011t', i: 4, j: 5, repeat: false },
  { system: 'LexRank', cluster: 'd30022t', i: 0, j: 1, repeat: true },
  { system: 'LexRank', cluster: 'd30026t', i: 0, j: 1, repeat: false },
  { system: 'LexRank', cluster: 'd30031t', i: 1, j: 2, repeat: true },
  { system: 'LexRank', cluster: 'd30031t', i: 4, j: 5, repeat: false },
  { system: 'LexRank', cluster: 'd30040t', i: 1, j: 2, repeat: false },
  { system: 'LexRank', cluster: 'd31033t', i: 0, j: 3, repeat: false },
  { system: 'LexRank_sumy', cluster: 'd30003t', i: 0, j: 2, repeat: true },
  { system: 'LexRank_sumy', cluster: 'd30003t', i: 0, j: 4, repeat: true },
  { system: 'LexRank_sumy', cluster: 'd30008t', i: 0, j: 1, repeat: false },
  { system: 'LexRank_sumy', cluster: 'd30026t', i: 3, j: 4, repeat: false },
  { system: 'LexRank_sumy', cluster: 'd30028t', i: 1, j: 4, repeat: true },
  { system: 'LexRank_sumy', cluster: 'd30031t', i: 0, j: 3, repeat: true },
  { system: 'LexRank_sumy', cluster: 'd30031t', i: 1, j: 3, repeat: true },
  { system: 'LexRank_sumy', cluster: 'd30040t', i: 0, j: 4, repeat: false },
  { system: 'LexRank_sumy', cluster: 'd30040t', i: 1, j: 2, repeat: true },
  { system: 'LexRank_sumy', cluster: 'd30040t', i: 3, j: 4, repeat: false },
  { system: 'LexRank_sumy', cluster: 'd30044t', i: 0, j: 1, repeat: true },
  { system: 'LexRank_sumy', cluster: 'd30044t', i: 1, j: 4, repeat: true },
  { system: 'LexRank_sumy', cluster: 'd30044t', i: 3, j: 4, repeat: false },
  { system: 'LexRank_sumy', cluster: 'd30048t', i: 0, j: 1, repeat: true },
  { system: 'LexRank_sumy', cluster: 'd30048t', i: 0, j: 3, repeat: true },
  { system: 'LexRank_sumy', cluster: 'd30048t', i: 0, j: 4, repeat: true },
  { system: 'LexRank_sumy', cluster: 'd30048t', i: 1, j: 3, repeat: true },
  { system: 'LexRank_sumy', cluster: 'd31001t', i: 1, j: 3, repeat: false },
  { system: 'LexRank_sumy', cluster: 'd31009t', i: 0, j: 2, repeat: true },
  { system: 'LexRank_sumy', cluster: 'd31009t', i: 0, j: 3, repeat: false },
  { system: 'LexRank_sumy', cluster: 'd31033t', i: 2, j: 3, repeat: false },
  { system: 'LexRank_sumy', cluster: 'd31043t', i: 1, j: 2, repeat: false },
  { system: 'OCCAMS_V', cluster: 'd30011t', i: 0, j: 1, repeat: true },
  { system: 'OCCAMS_V', cluster: 'd30044t', i: 0, j: 1, repeat: false },
  { system: 'RegSum', cluster: 'd30001t', i: 0, j: 3, repeat: false },
  { system: 'RegSum', cluster: 'd30001t', i: 3, j: 4, repeat: false },
  { system: 'RegSum', cluster: 'd30008t', i: 2, j: 3, repeat: false },
  { system: 'RegSum', cluster: 'd30011t', i: 1, j: 4, repeat: true },
  { system: 'RegSum', cluster: 'd30022t', i: 1, j: 5, repeat: true },
  { system: 'RegSum', cluster: 'd30026t', i: 1, j: 3, repeat: false },
  { system: 'RegSum', cluster: 'd30026t', i: 1, j: 5, repeat: false },
  { system: 'RegSum', cluster: 'd30040t', i: 0, j: 4, repeat: false },
  { system: 'RegSum', cluster: 'd30040t', i: 1, j: 2, repeat: false },
  { system: 'RegSum', cluster: 'd30040t', i: 1, j: 3, repeat: false },
  { system: 'RegSum', cluster: 'd30040t', i: 1, j: 5, repeat: false },
  { system: 'RegSum', cluster: 'd30040t', i: 2, j: 3, repeat: false },
  { system: 'RegSum', cluster: 'd30040t', i: 3, j: 4, repeat: false },
  { system: 'RegSum', cluster: 'd30044t', i: 1, j: 2, repeat: false },
  { system: 'RegSum', cluster: 'd30046t', i: 0, j: 5, repeat: false },
  { system: 'RegSum', cluster: 'd30046t', i: 1, j: 2, repeat: false },
  { system: 'RegSum', cluster: 'd30053t', i: 0, j: 1, repeat: false },
  { system: 'RegSum', cluster: 'd30053t', i: 1, j: 2, repeat: false },
  { system: 'RegSum', cluster: 'd30053t', i: 1, j: 4, repeat: false },
  { system: 'RegSum', cluster: 'd31031t', i: 0, j: 4, repeat: true },
  { system: 'RegSum', cluster: 'd31033t', i: 2, j: 4, repeat: false },
  { system: 'RegSum', cluster: 'd31043t', i: 0, j: 3, repeat: true },
  { system: 'Submodular', cluster: 'd30026t', i: 4, j: 5, repeat: false },
  { system: 'Submodular', cluster: 'd30031t', i: 2, j: 3, repeat: true },
  { system: 'Submodular', cluster: 'd30037t', i: 0, j: 1, repeat: false },
  { system: 'Submodular', cluster: 'd30040t', i: 2, j: 3, repeat: false },
];
