// The HTTP targets of the real-n8n benchmarks (bench/action.ts, bench/ingest.ts): one undici
// Pool per webhook URL, waiting until n8n serves the route, latency statistics.
import { Pool } from 'undici';
import { percentile, round } from './common';

export interface Target<Name extends string = string> {
	name: Name;
	url: URL;
	/** pathname + search of the URL, what each request sends */
	path: string;
	pool: Pool;
}

export function makeTarget<Name extends string>(
	name: Name,
	url: string | URL,
	connections: number,
): Target<Name> {
	const u = new URL(url);
	return {
		name,
		url: u,
		path: u.pathname + u.search,
		pool: new Pool(u.origin, { connections, pipelining: 1 }),
	};
}

/** 2.x registers webhooks in the background: retries `probe` (about 30 s) until it succeeds. */
export async function untilServed(probe: () => Promise<unknown>, tries = 100): Promise<void> {
	for (let i = 0; ; i++) {
		try {
			await probe();
			return;
		} catch (error) {
			if (i >= tries) throw error;
			await new Promise((r) => setTimeout(r, 300));
		}
	}
}

export async function closeTargets(targets: Iterable<Target>): Promise<void> {
	await Promise.all([...targets].map((t) => t.pool.close()));
}

export interface LatencyStats {
	p50Ms: number;
	p99Ms: number;
}

export function latencyStats(latencies: number[]): LatencyStats {
	return {
		p50Ms: round(percentile(latencies, 50), 1),
		p99Ms: round(percentile(latencies, 99), 1),
	};
}

/** Runs `count` tasks with at most `inFlight` at once; answers each task's result in finishing order. */
export async function inFlight<T>(
	count: number,
	concurrency: number,
	task: (i: number) => Promise<T>,
): Promise<T[]> {
	const out: T[] = [];
	let next = 0;
	const worker = async () => {
		while (next < count) out.push(await task(next++));
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	return out;
}
