// Out-of-process emulator for e2e tests, the demo and benchmarks:
//   npx tsx test/emulator/cli.ts --port 5680 --api-key KEY [--latency 50] [--casing camel]
//     [--list-shape value] [--event-casing pascal] [--require-https] [--unsubscribe-missing ok]
// Prints exactly one line, "atlas-emulator listening on <baseUrl>", then runs until SIGTERM/SIGINT.
import { startEmulator, type EmulatorOptions } from './index';

function parseArgs(argv: string[]): EmulatorOptions {
	const opts: Record<string, unknown> = {};
	const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (!arg.startsWith('--')) throw new Error(`unexpected argument: ${arg}`);
		const [name, inline] = arg.slice(2).split('=', 2);
		const next = argv[i + 1];
		const value = inline ?? (next === undefined || next.startsWith('--') ? 'true' : (i++, next));
		const key = name === 'latency' ? 'latencyMs' : camel(name);
		opts[key] = /^\d+$/.test(value)
			? Number(value)
			: value === 'true'
				? true
				: value === 'false'
					? false
					: value;
	}
	if (typeof opts.apiKey === 'number') opts.apiKey = String(opts.apiKey);
	return opts as EmulatorOptions;
}

async function main(): Promise<void> {
	const opts = parseArgs(process.argv.slice(2));
	opts.port ??= Number(process.env.ATLAS_EMULATOR_PORT ?? 5680);
	opts.apiKey ??= process.env.ATLAS_EMULATOR_API_KEY ?? 'test-key';
	const emu = await startEmulator(opts);
	process.stdout.write(`atlas-emulator listening on ${emu.baseUrl}\n`);
	let closing = false;
	const stop = () => {
		if (closing) return;
		closing = true;
		emu.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

main().catch((err) => {
	process.stderr.write(`atlas-emulator: ${(err as Error).message}\n`);
	process.exit(1);
});
