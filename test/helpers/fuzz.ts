import fc from 'fast-check';

/**
 * Fuzz tests run on a fixed seed, so CI is repeatable and a failure can be replayed; set
 * FUZZ_SEED=random (or a number) to explore, and FUZZ_RUNS_SCALE=10 to try ten times as many cases.
 */
const given = process.env.FUZZ_SEED;
export const FUZZ_SEED = given === 'random' ? Date.now() % 2 ** 31 : Number(given ?? 20261121);
const scale = Number(process.env.FUZZ_RUNS_SCALE ?? 1);
fc.configureGlobal({ seed: FUZZ_SEED });

/** The number of runs for a property, scaled by FUZZ_RUNS_SCALE. */
export const runs = (n: number) => Math.max(1, Math.round(n * scale));
