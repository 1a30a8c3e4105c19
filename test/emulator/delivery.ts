// Event delivery: POSTs bodies to hookUrls the way the Events Gateway does (JSON array body,
// Content-Type application/json), with a timeout, optional duplicates, pacing and concurrency.
// Each emulator owns its undici Agent so close() releases every keep-alive socket.
import { Agent, request } from 'undici';
import type { DeliveryResult } from './types';

export interface DeliveryJob {
	subscriptionId: string | null;
	url: string;
	body: string;
	eventCount: number;
	contentType: string;
}

export interface DeliverOptions {
	duplicate?: boolean;
	delayMs?: number;
	concurrency?: number;
	timeoutMs: number;
	nextSeq: () => number;
	onResult?: (r: DeliveryResult) => void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Sets (or adds) the `token` query parameter: simulates a sender that does not know the secret. */
export function withToken(url: string, token: string): string {
	const u = new URL(url);
	u.searchParams.set('token', token);
	return u.toString();
}

export class Deliverer {
	private agent = new Agent({ connections: 64, keepAliveTimeout: 1_000 });

	async postOnce(job: DeliveryJob, attempt: 1 | 2, o: DeliverOptions): Promise<DeliveryResult> {
		const started = Date.now();
		const base = {
			seq: o.nextSeq(),
			subscriptionId: job.subscriptionId,
			url: job.url,
			eventCount: job.eventCount,
			attempt,
			startedAt: new Date(started).toISOString(),
		};
		// One abort timer covers connect, headers and body (undici's own timeouts are coarse).
		const abort = new AbortController();
		const timer = setTimeout(
			() => abort.abort(new Error(`delivery timed out after ${o.timeoutMs} ms`)),
			o.timeoutMs,
		);
		try {
			const res = await request(job.url, {
				method: 'POST',
				headers: {
					'content-type': job.contentType,
					'user-agent': 'atlas-events-gateway-emulator/1.0',
				},
				body: job.body,
				dispatcher: this.agent,
				signal: abort.signal,
			});
			const text = await res.body.text();
			return {
				...base,
				status: res.statusCode,
				responseBody: text.slice(0, 2048),
				durationMs: Date.now() - started,
			};
		} catch (err) {
			const reason = abort.signal.aborted ? (abort.signal.reason as Error) : (err as Error);
			return { ...base, status: null, error: reason.message, durationMs: Date.now() - started };
		} finally {
			clearTimeout(timer);
		}
	}

	/** Runs the jobs through `concurrency` workers; a duplicate follows its original directly. */
	async deliverAll(jobs: DeliveryJob[], o: DeliverOptions): Promise<DeliveryResult[]> {
		const results: DeliveryResult[] = [];
		let next = 0;
		const worker = async () => {
			let first = true; // delayMs paces each worker, not the first request
			while (next < jobs.length) {
				const job = jobs[next++];
				for (const attempt of o.duplicate ? ([1, 2] as const) : ([1] as const)) {
					if (o.delayMs && !first) await sleep(o.delayMs);
					first = false;
					const r = await this.postOnce(job, attempt, o);
					results.push(r);
					o.onResult?.(r);
				}
			}
		};
		const n = Math.max(1, Math.min(o.concurrency ?? 1, jobs.length || 1));
		await Promise.all(Array.from({ length: n }, worker));
		return results.sort((a, b) => a.seq - b.seq);
	}

	async close(): Promise<void> {
		await this.agent.close();
	}
}
