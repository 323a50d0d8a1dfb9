import { oneShot } from './one-shot.ts';

// npm run --silent topics -- [--json]
await oneShot('topics', () => ({}));
