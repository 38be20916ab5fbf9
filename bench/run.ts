/** `npm run bench [-- NAME…]`: runs the named benchmarks (all by default) and prints one line each. */
const benches: Record<string, () => Promise<string>> = {
  extract: async () => (await import('./extract/extract.bench.js')).benchExtract(),
  verify: async () => (await import('./verify/verify.bench.js')).benchVerify(),
  'lint-metadata': async () => (await import('./lint/metadata.bench.js')).benchLintMetadata(),
  'compare-parsers': async () => (await import('./extract/compare-parsers.js')).compareParsers().report,
  'page-size': async () => (await import('./extract/page-size.bench.js')).benchPageSize(),
  pact: async () => (await import('./compile/pact-write.bench.js')).benchPactWrite(),
  'profile-300': async () => (await import('./compile/profile-run.bench.js')).benchProfile300(),
  'reference-300': async () => (await import('./verify/reference-300.bench.js')).benchReference300(),
  'graph-full': async () => (await import('./compile/profile-run.bench.js')).benchGraphFull(),
  'build-scaling': async () => (await import('./compile/profile-run.bench.js')).benchBuildScaling(),
  'enum-build': async () => (await import('./compile/pact-write.bench.js')).benchEnumBuild(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const name of wanted.length ? wanted : Object.keys(benches)) {
  const run = benches[name];
  if (!run) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  console.log(await run());
}
