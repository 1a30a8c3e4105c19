// The summary printed after every story ran: where to log in, each story's section, where the
// logs are and how to fire more events. Answers the problems the sections found.
import type { Emulator } from '../../test/emulator';
import type { N8nInstance } from '../../test/rig/n8n';
import type { Args } from './args';
import { DEMO_OWNER } from './n8n';
import { bold, dim, home, secs, started } from './output';

export function printSummary(
	args: Args,
	inst: N8nInstance,
	emulator: Emulator,
	sections: Array<() => string[]>,
): string[] {
	const problems: string[] = [];
	const line = '─'.repeat(72);
	console.log(`\n${line}`);
	console.log(
		bold(`Atlas demo on n8n ${inst.version}`) + dim(`  (ready in ${secs(Date.now() - started)})`),
	);
	console.log(line);
	console.log(`${bold('Log in')}      ${inst.baseUrl}`);
	console.log(`  email       ${DEMO_OWNER.email}`);
	console.log(`  password    ${DEMO_OWNER.password}`);
	for (const section of sections) problems.push(...section());
	console.log(
		dim(`n8n log: ${home(inst.logFile)} · emulator: ${emulator.origin}/__emulator/state`),
	);
	if (!args.once) {
		console.log(dim('Fire more events from another terminal, e.g.:'));
		console.log(
			dim(
				`  curl -X POST ${emulator.origin}/__emulator/fire -H 'content-type: application/json' -d '{"triggerName":"call_completed","persist":true}'`,
			),
		);
	}
	console.log(line);
	return problems;
}
