// Shared helpers of the benchmarks (bench/*.ts): statistics, machine description, realistic
// call_completed events (the emulator's generator), result files.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { EventGenerator } from '../../test/emulator/events';

export const REPO = resolve(__dirname, '../..');
export const RESULTS_DIR = join(REPO, 'bench', 'results');

export const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';

export function median(values: number[]): number {
	if (values.length === 0) return NaN;
	const s = [...values].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(values: number[], p: number): number {
	if (values.length === 0) return NaN;
	const s = [...values].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export function round(n: number, digits = 2): number {
	const f = 10 ** digits;
	return Math.round(n * f) / f;
}

export function machine(): Record<string, unknown> {
	const c = cpus();
	return {
		nproc: c.length,
		cpu: c[0]?.model ?? 'unknown',
		memoryGiB: round(totalmem() / 2 ** 30, 1),
		freeMemoryGiB: round(freemem() / 2 ** 30, 1),
		loadavg: loadavg().map((l) => round(l, 2)),
		node: process.version,
		date: new Date().toISOString(),
	};
}

/** A deterministic pseudo-random generator (mulberry32), so every run uses the same sizes. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const generator = new EventGenerator(
	() => 'http://127.0.0.1:5680',
	() => undefined,
);

/** A realistic call_completed event with a transcript of about 5-20 KB (the emulator's own generator). */
export function callCompleted(
	random: () => number,
	campaignId = 'cmp_sales',
): Record<string, unknown> {
	const transcriptBytes = 5_000 + Math.floor(random() * 15_000);
	return generator.generate('call_completed', { campaignId, transcriptBytes });
}

export const CALL_ID_PLACEHOLDER = '__BENCH_CALL_ID__';

/**
 * Body templates (a JSON array of `batch` call_completed events) whose callIds are a placeholder,
 * so every delivery gets distinct callIds by a cheap string replacement.
 */
export function bodyTemplates(count: number, batch: number, seed = 42): string[] {
	const random = rng(seed);
	const out: string[] = [];
	for (let i = 0; i < count; i++) {
		const events = Array.from({ length: batch }, (_, j) => ({
			...callCompleted(random),
			callId: `${CALL_ID_PLACEHOLDER}${j}`,
		}));
		out.push(JSON.stringify(events));
	}
	return out;
}

export function fillBody(template: string, id: string): string {
	return template.replaceAll(CALL_ID_PLACEHOLDER, `call_${id}_`);
}

export function writeResult(name: string, data: unknown): string {
	mkdirSync(RESULTS_DIR, { recursive: true });
	const file = join(RESULTS_DIR, `${name}${QUICK ? '.quick' : ''}.json`);
	writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
	return file;
}

export function readResult(name: string): unknown {
	try {
		return JSON.parse(readFileSync(join(RESULTS_DIR, `${name}.json`), 'utf8'));
	} catch {
		return undefined;
	}
}

export function log(...args: unknown[]): void {
	console.log(...args);
}

/** Runs a benchmark's async main and exits with its outcome (open handles must not keep it alive). */
export function runMain(main: () => Promise<void>): void {
	main().then(
		() => process.exit(0),
		(error: unknown) => {
			console.error(error);
			process.exit(1);
		},
	);
}
