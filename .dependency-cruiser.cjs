// The layers' import rules (docs/architecture.md), checked by `npm test`.
// Data flows down: cli/index -> app -> adapters -> commands -> scheduler/store -> core.
// Interfaces two layers share (ports) live in src/ports, which imports nothing but core types.
const layer = (name) => `^src/${name}/`;

module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'core knows no chat platform, command, scheduler, store, config or app',
      severity: 'error',
      from: { path: layer('core') },
      to: { path: '^src/', pathNot: layer('core') },
    },
    {
      name: 'core-has-no-chat-sdk',
      severity: 'error',
      from: { path: layer('core') },
      to: { path: 'node_modules/(discord\\.js|@discordjs|@slack|pino|node-cron|better-sqlite3|dotenv)/' },
    },
    {
      name: 'adapters-never-import-each-other',
      severity: 'error',
      from: { path: '^src/adapters/([^/]+)/' },
      to: { path: '^src/adapters/([^/]+)/', pathNot: '^src/adapters/$1/' },
    },
    {
      name: 'ports-are-interfaces',
      comment: 'a port is imported by both sides, so it points at nothing but core and the store types',
      severity: 'error',
      from: { path: layer('ports') },
      to: { path: '^src/', pathNot: `${layer('core')}|${layer('ports')}|^src/store/(feed-)?types\\.ts$` },
    },
    {
      name: 'commands-not-upward',
      severity: 'error',
      from: { path: layer('commands') },
      to: { path: `${layer('adapters')}|${layer('app')}|${layer('cli')}|${layer('scheduler')}|^src/index\\.ts$` },
    },
    {
      name: 'scheduler-not-upward',
      severity: 'error',
      from: { path: layer('scheduler') },
      to: { path: `${layer('adapters')}|${layer('app')}|${layer('cli')}|${layer('commands')}|^src/index\\.ts$` },
    },
    {
      name: 'store-not-upward',
      severity: 'error',
      from: { path: layer('store') },
      to: { path: `${layer('adapters')}|${layer('app')}|${layer('cli')}|${layer('commands')}|${layer('scheduler')}|^src/index\\.ts$` },
    },
    {
      name: 'store-dialects-apart',
      comment: 'the SQLite and PostgreSQL stores share only what sits in src/store itself; open-store.ts chooses between them',
      severity: 'error',
      from: { path: '^src/store/(sqlite|postgres)/' },
      to: { path: '^src/store/(sqlite|postgres)/', pathNot: '^src/store/$1/' },
    },
    {
      name: 'pg-only-in-the-postgres-store',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/store/postgres/' },
      to: { path: 'node_modules/(pg|pg-[a-z-]+)/' },
    },
    {
      name: 'feeds-not-upward',
      comment: 'feeds fetch and parse; they know no chat platform, command, app or scheduler (core and config they may use)',
      severity: 'error',
      from: { path: layer('feeds') },
      to: { path: `${layer('adapters')}|${layer('app')}|${layer('cli')}|${layer('commands')}|${layer('scheduler')}|^src/index\\.ts$` },
    },
    {
      name: 'config-not-upward',
      severity: 'error',
      from: { path: layer('config') },
      to: { path: `${layer('adapters')}|${layer('app')}|${layer('cli')}|${layer('commands')}|${layer('scheduler')}|${layer('store')}|^src/index\\.ts$` },
    },
    {
      name: 'adapters-not-upward',
      severity: 'error',
      from: { path: layer('adapters') },
      to: { path: `${layer('app')}|${layer('cli')}|${layer('scheduler')}|${layer('store')}/(?!(feed-)?types\\.ts)|^src/index\\.ts$` },
    },
    {
      name: 'app-not-upward',
      severity: 'error',
      from: { path: layer('app') },
      to: { path: `${layer('cli')}|^src/index\\.ts$` },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
