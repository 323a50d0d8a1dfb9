// Preloaded into the real bot by run-bot.test.ts: a bug's unhandled rejection, raised once the bot
// has installed its handler for one (that is, once start-up is under way).
process.on('newListener', (event) => {
  if (event === 'unhandledRejection') setTimeout(() => void Promise.reject(new Error('a bug nobody caught')), 200);
});
