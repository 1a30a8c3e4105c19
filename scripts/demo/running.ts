// What the demo started (emulator, n8n, the user folder's lock, the packed tarball), and stopping
// all of it: at the end of --once, on Ctrl-C / SIGTERM / SIGHUP, or when npm's shell went away.
import { rmSync } from 'node:fs';
import type { Emulator } from '../../test/emulator';
import type { N8nInstance } from '../../test/rig/n8n';
import { dim, done, step } from './output';

export const running: {
	emulator?: Emulator;
	n8n?: N8nInstance;
	n8nBooting?: Promise<N8nInstance>;
	lockFile?: string;
	packDir?: string;
} = {};

let stopping: Promise<void> | undefined;

export async function stopAll(): Promise<void> {
	stopping ??= (async () => {
		// n8n cannot be stopped before it has finished booting (the harness hands it over then)
		if (!running.n8n && running.n8nBooting) {
			step('waiting for n8n to finish starting, to stop it cleanly');
			running.n8n = await running.n8nBooting.catch(() => undefined);
		}
		if (running.n8n) {
			step('stopping n8n');
			await running.n8n.stop().catch(() => undefined);
		}
		if (running.emulator) await running.emulator.close().catch(() => undefined);
		if (running.lockFile) rmSync(running.lockFile, { force: true });
		if (running.packDir) rmSync(running.packDir, { recursive: true, force: true });
		done('stopped everything the demo started');
	})();
	return stopping;
}

function onSignal(signal: NodeJS.Signals): void {
	if (stopping) {
		console.log(dim(`\n  (${signal} again: still stopping, please wait)`));
		return;
	}
	console.log('');
	stopAll().then(
		() => process.exit(0),
		() => process.exit(0),
	);
}

/** Stops everything on a signal, or when the process that started us is gone. */
export function stopOnSignals(): void {
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	process.on('SIGHUP', onSignal); // the terminal went away
	// `npm start` runs us under `sh -c`; when npm or that shell is killed on its own (SIGTERM to
	// npm alone does that), we are orphaned: stop everything rather than leave n8n running
	const parent = process.ppid;
	setInterval(() => {
		if (process.ppid !== parent) onSignal('SIGHUP');
	}, 1_000).unref();
}
