import { oneShot } from './one-shot.ts';

// npm run --silent summary -- <topic words> [--length short|medium|long] [--json]
await oneShot('summary', (args) => {
  const at = args.indexOf('--length');
  const length = at >= 0 ? args[at + 1] : undefined;
  const words = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
  return { topic: words.join(' '), length };
});
