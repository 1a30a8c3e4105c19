// Helpers of the Atlas end-to-end suites: the workflows it runs, reading
// executions, counting new ones exactly, and failure diagnostics that never print an api-key or a
// webhook token. Packing the package and booting n8n + emulator: ../rig.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Emulator, FireResult, RequestLogEntry } from '../emulator';
import type { Execution, N8nClient, WorkflowJson } from '../rig/client';
import type { N8nInstance } from '../rig/n8n';
import type { Line } from '../rig/paths';
import { sleep, waitFor } from '../rig/wait';
import type { Credential } from '../rig/rig';

export const TRIGGER = 'Atlas Trigger';
export const ATLAS = 'Atlas';
export const SET = 'Set';
export const EVENTS = ['call_started', 'call_completed', 'message_received'] as const;

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/** Atlas Trigger (3 events, all campaigns) -> Atlas Campaign > Get (campaign of the event) -> Set. */
export function mainWorkflow(credential: Credential, name: string): WorkflowJson {
	const creds = { atlasApi: credential };
	const fromTrigger = (field: string) => `$('${TRIGGER}').item.json.${field}`;
	return {
		name,
		nodes: [
			{
				name: TRIGGER,
				type: 'n8n-nodes-atlas.atlasTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { events: [...EVENTS], campaignScope: 'all', options: {} },
				credentials: creds,
			},
			{
				name: ATLAS,
				type: 'n8n-nodes-atlas.atlas',
				typeVersion: 1,
				position: [240, 0],
				parameters: { resource: 'campaign', operation: 'get', campaign: rl('={{ $json.campaignId }}') },
				credentials: creds,
				// an invalid event (emitted with `error`) has no campaign: its item fails alone
				onError: 'continueRegularOutput',
			},
			{
				name: SET,
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [480, 0],
				parameters: {
					mode: 'manual',
					assignments: {
						assignments: [
							{ id: 'e2e-1', name: 'event', type: 'string', value: `={{ ${fromTrigger('event')} }}` },
							{ id: 'e2e-2', name: 'ref', type: 'string', value: `={{ ${fromTrigger('callId')} ?? ${fromTrigger('messageId')} ?? '' }}` },
							{ id: 'e2e-3', name: 'campaignName', type: 'string', value: "={{ $json.name ?? '' }}" },
							{ id: 'e2e-4', name: 'atlasError', type: 'string', value: "={{ $json.error ?? '' }}" },
						],
					},
					includeOtherFields: false,
					options: {},
				},
			},
		],
		connections: {
			[TRIGGER]: { main: [[{ node: ATLAS, type: 'main', index: 0 }]] },
			[ATLAS]: { main: [[{ node: SET, type: 'main', index: 0 }]] },
		},
	};
}

export const OPS = { campaigns: 'Campaigns', calls: 'Calls', sessions: 'Chat Sessions', webhooks: 'Webhooks' } as const;
export const MANUAL = 'Manual Trigger';

/** Manual Trigger -> four Atlas nodes side by side: Campaign Get Many, Call Get Many, Chat Get Sessions, Webhook List. */
export function operationsWorkflow(credential: Credential, name: string): WorkflowJson {
	const creds = { atlasApi: credential };
	const atlas = (nodeName: string, y: number, parameters: Record<string, unknown>) => ({
		name: nodeName,
		type: 'n8n-nodes-atlas.atlas',
		typeVersion: 1,
		position: [240, y],
		parameters,
		credentials: creds,
	});
	const names = Object.values(OPS);
	return {
		name,
		nodes: [
			{ name: MANUAL, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			atlas(OPS.campaigns, -300, { resource: 'campaign', operation: 'getAll', returnAll: true }),
			atlas(OPS.calls, -100, { resource: 'call', operation: 'getAll', returnAll: false, limit: 3, filters: { campaign: rl('cmp_support') } }),
			atlas(OPS.sessions, 100, { resource: 'chat', operation: 'getSessions', campaign: rl('cmp_chat'), returnAll: true }),
			atlas(OPS.webhooks, 300, { resource: 'webhook', operation: 'list', campaign: rl('*') }),
		],
		connections: { [MANUAL]: { main: [names.map((node) => ({ node, type: 'main', index: 0 }))] } },
	};
}

/** A lone Atlas Trigger (call_completed, all campaigns) for "Listen for test event". */
export function listenWorkflow(credential: Credential, name: string): WorkflowJson {
	return {
		name,
		nodes: [
			{
				name: TRIGGER,
				type: 'n8n-nodes-atlas.atlasTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { events: ['call_completed'], campaignScope: 'all', options: { sendSample: false } },
				credentials: { atlasApi: credential },
			},
		],
		connections: {},
	};
}

/** The items a node put out in an execution (first run, first output). */
export function nodeItems(execution: Execution, node: string): Array<Record<string, any>> {
	const runs = execution.data?.resultData?.runData?.[node];
	assert.ok(runs && runs.length > 0, `execution ${execution.id}: node "${node}" did not run`);
	return (runs[0].data?.main?.[0] ?? []).map((item) => item.json);
}

/** What the trigger answered to each delivery of a fire (the node replies with its report). */
export function reports(result: FireResult): Array<{ status: number | null; report: Record<string, number> | undefined }> {
	return result.deliveries.map((d) => {
		let report: Record<string, number> | undefined;
		try {
			report = JSON.parse(d.responseBody ?? '');
		} catch {
			report = undefined;
		}
		return { status: d.status, report };
	});
}

/**
 * Counts a workflow's executions exactly: `expectNew(n)` waits for n more finished executions
 * than it has seen, then lets `settleMs` pass and checks that no further one appeared; it
 * returns the new ones, with data, oldest first.
 */
export class ExecutionCounter {
	private seen = new Set<string>();

	constructor(
		private readonly client: N8nClient,
		readonly workflowId: string,
		private readonly settleMs = 2_000,
	) {}

	async expectNew(n: number, { timeout = 30_000 } = {}): Promise<Execution[]> {
		const want = this.seen.size + n;
		if (n > 0) await this.client.waitForExecutions(this.workflowId, want, timeout);
		await sleep(this.settleMs);
		const all = await this.client.executions({ workflowId: this.workflowId, includeData: true });
		const fresh = all.filter((e) => !this.seen.has(String(e.id)));
		assert.equal(
			all.length,
			want,
			`expected ${n} new execution(s) of workflow ${this.workflowId}, got ${fresh.length}: ${fresh.map((e) => `${e.id}:${e.status}:${e.mode}`).join(', ')}`,
		);
		for (const e of fresh) this.seen.add(String(e.id));
		return fresh.sort((a, b) => Number(a.id) - Number(b.id));
	}

	/** Counts every execution there is as seen (after a failed test), once in-flight ones settled. */
	async resync(): Promise<void> {
		await sleep(this.settleMs);
		for (const e of await this.client.executions({ workflowId: this.workflowId })) this.seen.add(String(e.id));
	}

	async expectNone(): Promise<void> {
		await this.expectNew(0);
	}
}

/** The emulator's request log after a mark (`mark()` returns the last seq). */
export function requestsSince(emu: Emulator, seq: number, filter: { method?: string; path?: string } = {}): RequestLogEntry[] {
	return emu.requests(filter).filter((r) => r.seq > seq);
}
export function mark(emu: Emulator): number {
	return emu.requests().at(-1)?.seq ?? 0;
}

/** Waits until a webhook URL is served (anything but 404), without starting an execution: wrong token. */
export async function waitForWebhook(url: string, timeout = 60_000): Promise<void> {
	const probe = new URL(url);
	probe.searchParams.set('event', 'call_started');
	probe.searchParams.set('token', 'probe-not-the-token');
	await waitFor(
		async () => {
			const res = await fetch(probe, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
			await res.text();
			if (res.status === 404) return false;
			assert.equal(res.status, 401, `probe of the webhook answered ${res.status}`);
			return true;
		},
		{ timeout, interval: 250, what: `webhook ${new URL(url).pathname} to be served`, rethrow: (e) => e instanceof assert.AssertionError },
	);
}

/** Secrets seen in the run: replaced by *** in everything printed. */
export class Secrets {
	private values = new Set<string>();

	add(value: string | null | undefined): void {
		if (value && value.length >= 8) this.values.add(value);
	}

	/** Every `token` of every hookUrl the emulator holds. */
	addTokensOf(emu: Emulator): void {
		for (const s of emu.subscriptions()) this.add(new URL(s.hookUrl).searchParams.get('token'));
	}

	redact(text: string): string {
		let out = text;
		for (const v of this.values) out = out.split(v).join('***');
		return out.replace(/([?&]token=)[^&"\s]+/g, '$1***');
	}

	/** Whether any secret occurs in the text (for "n8n never logs it"). */
	leakedIn(text: string): boolean {
		return [...this.values].some((v) => text.includes(v));
	}
}

/** n8n's log tail and the emulator's request and delivery logs, redacted. */
export function diagnostics(n8n: N8nInstance | undefined, emu: Emulator | undefined, secrets: Secrets): string {
	const parts: string[] = [];
	if (n8n) {
		const log = n8n
			.readLog()
			.split('\n')
			.filter((l) => !/^(Starting|Finished) migration/.test(l))
			.slice(-80)
			.join('\n');
		parts.push(`--- n8n ${n8n.version} log (last 80 lines, ${n8n.logFile}) ---\n${log}`);
	}
	if (emu) {
		const reqs = emu
			.requests()
			.slice(-40)
			.map((r) => {
				const q = new URLSearchParams(r.query).toString();
				const body = r.body === undefined ? '' : ` ${JSON.stringify(r.body).slice(0, 300)}`;
				return `#${r.seq} ${r.method} ${r.path}${q ? `?${q}` : ''} -> ${r.status ?? 'dropped'} key:${r.apiKeyValid ? 'valid' : r.apiKeyPresent ? 'WRONG' : 'missing'}${body}`;
			});
		parts.push(`--- emulator requests (last 40) ---\n${reqs.join('\n')}`);
		const dels = emu
			.deliveries()
			.slice(-20)
			.map((d) => `#${d.seq} POST ${d.url} (${d.eventCount} events, attempt ${d.attempt}) -> ${d.status ?? d.error} ${d.responseBody ?? ''}`);
		parts.push(`--- emulator deliveries (last 20) ---\n${dels.join('\n')}`);
		parts.push(`--- emulator subscriptions ---\n${emu.subscriptions().map((s) => `${s.id} ${s.triggerName} ${s.campaignId} ${s.hookUrl}`).join('\n')}`);
	}
	return secrets.redact(parts.join('\n'));
}

/**
 * The suite's `step`: a test whose failure first adds the tokens the emulator holds to the
 * secrets and resyncs the execution counter (so one failure does not fail the counts of the next
 * tests), then prints n8n's log tail and the emulator's logs (redacted). `state` reads the
 * suite's emulator, n8n and counter as they are when a test fails.
 */
export function diagnosedStep(
	line: Line,
	secrets: Secrets,
	state: () => { emu?: Emulator; n8n?: N8nInstance; counter?: ExecutionCounter },
): (name: string, fn: () => Promise<void>) => Promise<void> {
	return (name, fn) =>
		test(name, async () => {
			try {
				await fn();
			} catch (error) {
				const { emu, n8n, counter } = state();
				if (emu) secrets.addTokensOf(emu);
				await counter?.resync().catch(() => undefined);
				console.error(`\n# n8n ${line}.x: "${name}" failed\n${diagnostics(n8n, emu, secrets)}`);
				throw error;
			}
		});
}
