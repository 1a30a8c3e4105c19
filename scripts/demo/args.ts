// The demo's command line: --line 1|2, --once (or DEMO_ONCE=1), --fresh, --help.
import type { Line } from '../../test/rig/paths';
import { DemoError } from './output';

export interface Args {
	line: Line;
	once: boolean;
	fresh: boolean;
}

export function parseArgs(argv: string[]): Args {
	const args: Args = {
		line: 2,
		once: process.env.DEMO_ONCE === '1' || process.env.DEMO_ONCE === 'true',
		fresh: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [name, inline] = arg.split('=', 2);
		if (name === '--line') {
			const value = inline ?? argv[++i];
			if (value !== '1' && value !== '2')
				throw new DemoError(
					`--line must be 1 or 2, not "${value ?? ''}"`,
					'npm start -- --line 1  (n8n 1.123) or --line 2 (n8n 2.41, the default)',
				);
			args.line = Number(value) as Line;
		} else if (arg === '--once') args.once = true;
		else if (arg === '--fresh') args.fresh = true;
		else if (arg === '--help' || arg === '-h') {
			console.log(
				[
					'npm start [-- options]   an Atlas emulator + a real n8n with the Atlas nodes and a demo workflow',
					'  --line 1|2   n8n 1.123 on Node 20, or n8n 2.41 on Node 24 (default 2)',
					'  --fresh      start from an empty n8n user folder (new database)',
					'  --once       run the demo, print the summary, stop everything and exit (0 = it worked)',
				].join('\n'),
			);
			process.exit(0);
		} else throw new DemoError(`unknown option "${arg}"`, 'npm start -- --help lists the options');
	}
	return args;
}
