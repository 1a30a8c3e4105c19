// The one execution counter of the real-n8n suites: a workflow's executions counted exactly.
import assert from 'node:assert/strict';
import type { Execution, N8nClient } from './client';
import { sleep, waitFor } from './wait';

const UNFINISHED = ['running', 'new', 'waiting'];

/**
 * Counts a workflow's executions exactly: `expectNew(n)` waits for n more finished executions
 * than it has seen, then lets `settleMs` pass and checks that no further one appeared; it
 * returns the new ones, oldest first, each with its data unless `includeData: false` (read one by
 * one: a listing with data would download every earlier big execution again).
 */
export class ExecutionCounter {
	private seen = new Set<string>();

	constructor(
		private readonly client: N8nClient,
		readonly workflowId: string,
		private readonly settleMs = 2_000,
	) {}

	async expectNew(
		n: number,
		{ timeout = 30_000, includeData = true, what = '' } = {},
	): Promise<Execution[]> {
		const want = this.seen.size + n;
		if (n > 0) {
			await waitFor(
				async () => {
					const list = await this.client.executions({ workflowId: this.workflowId });
					return list.filter((e) => !UNFINISHED.includes(e.status)).length >= want;
				},
				{
					timeout,
					interval: 250,
					what: `${n} new execution(s) of workflow ${this.workflowId} ${what}`,
				},
			);
		}
		await sleep(this.settleMs);
		const all = await this.client.executions({ workflowId: this.workflowId });
		const fresh = all.filter((e) => !this.seen.has(String(e.id)));
		assert.equal(
			fresh.length,
			n,
			`${what ? `${what}: ` : ''}expected ${n} new execution(s) of workflow ${this.workflowId}, got ${fresh.length}: ${fresh.map((e) => `${e.id}:${e.status}:${e.mode}`).join(', ')}`,
		);
		for (const e of fresh) this.seen.add(String(e.id));
		fresh.sort((a, b) => Number(a.id) - Number(b.id));
		if (!includeData) return fresh;
		return await Promise.all(fresh.map(async (e) => await this.client.execution(e.id, true)));
	}

	/** Counts every execution there is as seen (after a failed test), once in-flight ones settled. */
	async resync(): Promise<void> {
		await sleep(this.settleMs);
		for (const e of await this.client.executions({ workflowId: this.workflowId }))
			this.seen.add(String(e.id));
	}

	async expectNone(): Promise<void> {
		await this.expectNew(0);
	}
}

/** Waits until an execution (e.g. a manual run's) has finished, and returns it with its data. */
export async function finishedExecution(
	client: N8nClient,
	id: string,
	{ timeout = 15_000 } = {},
): Promise<Execution> {
	return await waitFor(
		async () => {
			const e = await client.execution(id, true);
			return UNFINISHED.includes(e.status) ? undefined : e;
		},
		{ timeout, what: `execution ${id}` },
	);
}
