// Starting helper processes of the benchmarks and stopping them (by their own pid only).
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './common';

export interface Child {
	proc: ChildProcess;
	line: string;
	stop(): Promise<void>;
}

/** Runs a bench/lib TypeScript entry under tsx and waits for its first stdout line matching `ready`. */
export async function startTsChild(
	script: string,
	args: string[],
	ready: RegExp,
	timeoutMs = 60_000,
): Promise<Child> {
	const proc = spawn(process.execPath, ['--import', 'tsx', join(REPO, script), ...args], {
		cwd: REPO,
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	const line = await new Promise<string>((resolve, reject) => {
		let buf = '';
		const timer = setTimeout(() => reject(new Error(`${script} did not start`)), timeoutMs);
		proc.stdout!.on('data', (chunk: Buffer) => {
			buf += chunk.toString();
			const found = buf.split('\n').find((l) => ready.test(l));
			if (found) {
				clearTimeout(timer);
				resolve(found);
			}
		});
		proc.once('exit', (code) => reject(new Error(`${script} exited (${code})`)));
	});
	const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
	return {
		proc,
		line,
		async stop() {
			if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
			await exited;
		},
	};
}
