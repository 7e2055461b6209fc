// The layering that `npm run lint` enforces (`npm run lint:deps` alone; `npx depcruise --help` for graphs).
// apps → libs, never the other way or app to app; libs/contracts at the bottom; libs/kpi pure;
// libs/db the only user of Prisma; no import cycles anywhere.

/** Two folders importing each other are one concern in two places: split or merge them. */
const noCircularFolders = {
  name: 'no-circular-folders',
  severity: 'error',
  scope: 'folder',
  from: {},
  to: { circular: true },
};

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle ties modules into one knot: none can be understood, tested or loaded on its own.',
      from: {},
      to: { circular: true },
    },
    noCircularFolders,
    {
      name: 'libs-not-to-apps',
      severity: 'error',
      comment: 'Libraries serve the apps; an app is an edge (HTTP, Kafka, browser) that a lib must not know.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-not-to-other-apps',
      severity: 'error',
      comment: 'Apps share code through libs/, never through each other (test/ may reach into any app).',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'only-db-uses-prisma',
      severity: 'error',
      comment: 'libs/db is the one Prisma access layer: everything else goes through its repositories.',
      from: { pathNot: ['^libs/db/', '^prisma\\.config\\.ts$'] },
      to: { path: ['^node_modules/@prisma/', '^node_modules/prisma/', '^node_modules/\\.prisma/', '^libs/db/src/generated/'] },
    },
    {
      name: 'contracts-at-the-bottom',
      severity: 'error',
      comment: 'libs/contracts is what every app and lib agrees on; it depends on no other lib.',
      from: { path: '^libs/contracts/' },
      to: { path: '^libs/', pathNot: '^libs/contracts/' },
    },
    {
      name: 'kpi-stays-pure',
      severity: 'error',
      comment:
        'libs/kpi is pure domain code: its own files, the shared contracts, luxon for time zones (fast-check in specs); ' +
        'no other lib, no Nest, no Node I/O.',
      from: { path: '^libs/kpi/' },
      to: { pathNot: ['^libs/kpi/', '^libs/contracts/', '^node_modules/luxon/', '^node_modules/fast-check/'] },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules', '^libs/db/src/generated/'] },
    exclude: { path: ['^dist/', '^\\.data/', '^\\.cache/', '^coverage/'] },
    // Type-only imports count: a cycle of types still couples the modules.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
