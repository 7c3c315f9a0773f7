/**
 * The house's layers, enforced by dependency-cruiser in `npm run lint`.
 * ARCHITECTURE.md draws them; each rule below names the layer it guards.
 * Type-only imports count too (tsPreCompilationDeps): a cycle through types
 * still means two modules that cannot be read apart.
 */
const DOMAIN = '^utils/(?!common/|protocol/|app/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No module may reach itself through its imports, types included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'utils-is-pure',
      comment: 'utils/ is pure logic: it never imports what runs it (entry points, components, the CLI, scripts, tests).',
      severity: 'error',
      from: { path: '^utils/' },
      to: { path: '^(entrypoints|components|bridge|scripts|tests)/' },
    },
    {
      name: 'utils-has-no-browser-runtime',
      comment: 'utils/ never reaches the browser: the entry point passes in what it needs (the browser global is banned by ESLint).',
      severity: 'error',
      from: { path: '^utils/' },
      to: { path: ['node_modules/(wxt|@wxt-dev|webextension-polyfill)/', '^#imports'] },
    },
    {
      name: 'common-stands-alone',
      comment: 'utils/common/ (errors, sites, time, names) is below everything else in utils/.',
      severity: 'error',
      from: { path: '^utils/common/' },
      to: { path: '^utils/(?!common/)' },
    },
    {
      name: 'domain-below-protocol',
      comment: 'The domain (vault, kinds, sync, autofill, extract, webmail, bridge…) knows nothing of the requests that reach it.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: '^utils/(protocol|app)/' },
    },
    {
      name: 'protocol-below-app',
      comment: 'The protocol describes requests and replies; the application answers them, never the other way.',
      severity: 'error',
      from: { path: '^utils/protocol/' },
      to: { path: '^utils/app/' },
    },
    {
      name: 'components-below-entrypoints',
      comment: 'Components are views and models the entry points use.',
      severity: 'error',
      from: { path: '^components/' },
      to: { path: '^(entrypoints|bridge|scripts|tests)/' },
    },
    {
      name: 'cli-shares-only-utils',
      comment: 'bridge/ is the Node CLI: it shares utils/ with the extension, nothing else.',
      severity: 'error',
      from: { path: '^bridge/' },
      to: { path: '^(entrypoints|components|scripts|tests)/' },
    },
    {
      name: 'entrypoints-stand-alone',
      comment: 'Each entry point is wiring of its own: it imports utils/ and components/, not another entry point.',
      severity: 'error',
      from: { path: '^entrypoints/([^/.]+)' },
      to: { path: '^entrypoints/', pathNot: ['^entrypoints/$1(/|\\.)'] },
    },
    {
      name: 'entrypoints-ship-no-tooling',
      comment: 'Nothing the extension ships comes from the scripts, the CLI or the tests.',
      severity: 'error',
      from: { path: '^entrypoints/' },
      to: { path: '^(scripts|tests|bridge)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(\\.output|\\.wxt|bridge/dist|demo-output|bench-output)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
