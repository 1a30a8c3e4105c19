// Runs every benchmark, one after the other (each in its own process), then writes
// bench/results/summary.md from their result files.
//   npm run bench                 full run (about 20-30 min on a busy 2-core machine)
//   npm run bench -- --quick      CI smoke: every benchmark runs briefly; numbers mean nothing
//   npm run bench -- --only handler,activation
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { QUICK, REPO, RESULTS_DIR, machine } from './lib/common';
import { summarize } from './lib/summary';

const ALL = ['handler', 'activation', 'package', 'ingest', 'action', 'action-handler'];
const onlyIndex = process.argv.indexOf('--only');
const selected = onlyIndex >= 0 ? process.argv[onlyIndex + 1].split(',') : ALL;
const passThrough = process.argv
	.slice(2)
	.filter((a, i, all) => a !== '--only' && all[i - 1] !== '--only');

let failed = 0;
for (const name of selected) {
	console.log(`\n=== ${name} ${QUICK ? '(quick)' : ''}`);
	const flags = name === 'handler' || name === 'action-handler' ? ['--expose-gc'] : [];
	const r = spawnSync(
		process.execPath,
		[...flags, '--import', 'tsx', join(REPO, 'bench', `${name}.ts`), ...passThrough],
		{ cwd: REPO, stdio: 'inherit' },
	);
	if (r.status !== 0) {
		failed++;
		console.error(`${name} failed (${r.status ?? r.signal})`);
	}
}
const summary = summarize(QUICK);
writeFileSync(join(RESULTS_DIR, `summary${QUICK ? '.quick' : ''}.md`), summary);
console.log(`\n${summary}\nmachine now: ${JSON.stringify(machine())}`);
process.exit(failed ? 1 : 0);
