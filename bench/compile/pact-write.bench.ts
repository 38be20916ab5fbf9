/**
 * Pact writing and `build` time against size. `npm run bench -- pact`:
 * - writePact at 100/200/400/800 interactions (copies of a seed operation's interactions);
 * - buildContracts (schemas, pact, OpenAPI) of one operation whose body parameter has an enum of
 *   100/1,000/10,000 values (every value is an interaction of the pact).
 * Prints wall seconds and the time per interaction, which stays flat when writing is linear.
 */
import { buildContracts } from '../../src/compile/build.js';
import { planPact } from '../../src/compile/pact-plan.js';
import { writePact } from '../../src/compile/pact-write.js';
import { copiesOf, seedOperation, withEnumOf } from './scaled-specs.js';

async function seconds(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return (performance.now() - t0) / 1000;
}

export async function benchPactWrite(sizes = [100, 200, 400, 800]): Promise<string> {
  const { operation } = seedOperation();
  const lines: string[] = [];
  for (const size of sizes) {
    const perCopy = planPact('bench', copiesOf(operation, 1), [], []).interactions.length;
    const plan = planPact('bench', copiesOf(operation, Math.ceil(size / perCopy)), [], []);
    plan.interactions = plan.interactions.slice(0, size);
    const s = await seconds(() => writePact(plan));
    lines.push(`pact write: ${size} interactions in ${s.toFixed(2)} s (${((s / size) * 1000).toFixed(1)} ms per interaction)`);
  }
  return lines.join('\n');
}

export async function benchEnumBuild(sizes = [100, 1000, 10000]): Promise<string> {
  const { set, operation } = seedOperation();
  const lines: string[] = [];
  for (const size of sizes) {
    const op = withEnumOf(operation, size);
    const interactions = planPact('bench', [op], [], []).interactions.length;
    let files = 0;
    const s = await seconds(async () => {
      const result = await buildContracts({ operations: [op], resources: set.resources.filter((r) => r.profile === operation.profile) }, [], []);
      if (!result.ok) throw new Error(`build refused: ${result.problems.map((p) => p.message).join('; ')}`);
      files = result.files.size;
    });
    lines.push(`build, enum of ${size} values: ${files} files, ${interactions} interactions in ${s.toFixed(2)} s (${((s / interactions) * 1000).toFixed(1)} ms per interaction)`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchPactWrite());
  console.log(await benchEnumBuild());
}
