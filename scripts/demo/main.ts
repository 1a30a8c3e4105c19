// One-command demo: `npm start` (after `npm install`). Builds and packs this package, installs a
// pinned real n8n when missing, starts the Atlas emulator and n8n with the package installed the
// way n8n installs community packages, creates an owner and a credential, then runs the stories
// (stories/index.ts: the example workflow examples/demo-call-completed.json with sample events
// and a duplicate, a lead that gets called, an agent that asks n8n mid-call) and prints what
// happened. Ctrl-C stops everything it started.
//
//   npm start                      n8n 2.41 (Node 24)
//   npm start -- --line 1          n8n 1.123 (Node 20)
//   npm start -- --fresh           start from an empty n8n user folder
//   npm start -- --once            run, print, stop; exit 0 when everything worked (CI: npm run demo:check)
//
// Runs with `node --import tsx` (no tsx wrapper process, so Ctrl-C reaches exactly one process).
//   build.ts     build + pack, install n8n      emulator.ts  the Atlas emulator
//   n8n.ts       user folder, boot, owner, credential, REST helpers
//   stories/     one file per story             summary.ts   the summary after the stories
import { N8nClient } from '../../test/rig/client';
import { N8N_VERSIONS } from '../../test/rig/paths';
import { parseArgs } from './args';
import { buildAndPack, ensureN8nInstalled } from './build';
import { startAtlasEmulator } from './emulator';
import { bootN8n, ownerLogin, upsertCredential, userFolderFor } from './n8n';
import { DemoError, bold, green, home, red } from './output';
import { running, stopAll, stopOnSignals } from './running';
import type { Demo } from './story';
import { stories } from './stories';
import { printSummary } from './summary';

async function main(): Promise<number> {
	stopOnSignals();
	const args = parseArgs(process.argv.slice(2));
	console.log(
		bold(
			`Atlas demo: n8n ${N8N_VERSIONS[args.line]} (${args.line === 2 ? 'Node 24' : 'Node 20'})${args.once ? ', --once' : ''}`,
		),
	);

	const tarball = await buildAndPack();
	await ensureN8nInstalled(args.line);
	const userFolder = userFolderFor(args.line, args.fresh);
	const emulator = await startAtlasEmulator();
	const n8n = await bootN8n(args.line, userFolder, tarball);

	const client = new N8nClient(n8n.baseUrl, args.line);
	await ownerLogin(client, userFolder, args.line);
	const credential = await upsertCredential(client, emulator);
	await client.createApiKey(`atlas-demo ${new Date().toISOString()}`);
	const demo: Demo = { args, n8n, emulator, client, credential };

	const problems: string[] = [];
	const sections: Array<() => string[]> = [];
	for (const story of stories) {
		const result = await story(demo);
		problems.push(...(result.problems ?? []));
		if (result.summary) sections.push(result.summary);
	}
	problems.unshift(...printSummary(args, n8n, emulator, sections));

	if (args.once) {
		await stopAll();
		if (problems.length > 0) {
			console.log(red(`demo check failed:\n  - ${problems.join('\n  - ')}`));
			return 1;
		}
		console.log(green('demo check passed'));
		return 0;
	}
	if (problems.length > 0) console.log(red(`something is off:\n  - ${problems.join('\n  - ')}`));
	console.log(bold('\nPress Ctrl-C to stop.'));
	await new Promise(() => undefined); // until a signal stops everything
	return 0;
}

main().then(
	(code) => process.exit(code),
	async (error: unknown) => {
		if (error instanceof DemoError) {
			console.error(`\n${red('✗')} ${error.message}`);
			if (error.hint) console.error(`  ${error.hint}`);
		} else {
			const message = error instanceof Error ? error.message : String(error);
			console.error(`\n${red('✗')} the demo failed: ${message}`);
			if (running.n8n) console.error(`  n8n's log: ${home(running.n8n.logFile)}`);
			if (process.env.DEMO_DEBUG && error instanceof Error) console.error(error.stack);
		}
		await stopAll().catch(() => undefined);
		process.exit(1);
	},
);
