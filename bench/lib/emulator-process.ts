// The Atlas emulator in its own process for the benchmarks (Atlas is remote: its CPU must not be
// charged to the code under test), with extra campaigns cmp_bench_0..N-1 added.
//   node --import tsx bench/lib/emulator-process.ts --latency 50 --campaigns 50 --api-key KEY
// Prints "atlas-emulator listening on <baseUrl>", runs until SIGTERM or its parent goes away.
import { type Campaign, startEmulator } from '../../test/emulator';

function arg(name: string, fallback: string): string {
	const i = process.argv.indexOf(`--${name}`);
	return i >= 0 ? process.argv[i + 1] : fallback;
}

async function main(): Promise<void> {
	const emu = await startEmulator({
		apiKey: arg('api-key', 'bench-key'),
		latencyMs: Number(arg('latency', '0')),
	});
	const seed = emu.campaigns[0];
	for (let i = 0; i < Number(arg('campaigns', '0')); i++) {
		emu.campaigns.push({ ...(seed as Campaign), id: `cmp_bench_${i}`, name: `Bench ${i}` });
	}
	process.stdout.write(`atlas-emulator listening on ${emu.baseUrl}\n`);
	const stop = () => void emu.close().finally(() => process.exit(0));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	process.on('disconnect', stop);
	process.stdin.on('end', stop); // the parent closed our stdin: it is gone
	process.stdin.resume();
}

void main();
