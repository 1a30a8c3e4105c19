// Helpers of the hardening suite (test/hardening/): one real n8n per line (debug log), the
// in-process Atlas emulator, raw HTTP deliveries, exact execution counting and secret checks.
// Uses the real-n8n rig (test/rig) as tools; shares
// nothing else with the e2e suite.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Agent, request } from 'undici';
import { recordKeys } from '../../nodes/shared/seenRecord';
import type { Subscription } from '../emulator';
import type { Execution, N8nClient, Workflow, WorkflowJson } from '../rig/client';
import type { Line } from '../rig/paths';
import { sleep, waitFor } from '../rig/wait';
import { type AtlasRig, packOnce, startRig as startAtlasRig } from '../rig/rig';

export { sleep, waitFor };
export type Obj = Record<string, any>;
export const TRIGGER = 'Atlas Trigger';

export interface Rig extends AtlasRig {
	secrets: Set<string>;
}

/** Emulator + n8n of one line with the package installed like a community package, debug log. */
export async function startRig(line: Line): Promise<Rig> {
	const secrets = new Set<string>();
	const rig = await startAtlasRig({
		line, packageTarball: packOnce('hardening'), apiKeyPrefix: 'hk-', credentialName: `Atlas hardening ${line}`, logLevel: 'debug', secrets,
	});
	return { ...rig, secrets };
}

export function triggerWorkflow(
	rig: Rig,
	name: string,
	parameters: Obj = {},
	credential: { id: string; name: string } = rig.credential,
): WorkflowJson {
	return {
		name,
		nodes: [
			{
				name: TRIGGER,
				type: 'n8n-nodes-atlas.atlasTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { events: ['call_started', 'call_completed', 'message_received'], campaignScope: 'all', options: {}, ...parameters },
				credentials: { atlasApi: credential },
			},
		],
		connections: {},
	};
}

export function webhookBase(rig: Rig, workflow: Workflow | WorkflowJson): string {
	const node = workflow.nodes.find((n) => n.name === TRIGGER)!;
	return `${rig.n8n.baseUrl}/webhook/${node.webhookId}/atlas`;
}

export function tokenOf(hookUrl: string): string {
	return new URL(hookUrl).searchParams.get('token') ?? '';
}

/** Records every token the emulator holds as a secret (they must never show up anywhere). */
export function collectTokens(rig: Rig): void {
	for (const s of rig.emu.subscriptions()) rig.secrets.add(tokenOf(s.hookUrl));
}

export function leaks(rig: Rig, text: string): string[] {
	return [...rig.secrets].filter((s) => s.length >= 8 && text.includes(s)).map((s) => `${s.slice(0, 3)}…(${s.length} chars)`);
}

export function redact(rig: Rig, text: string): string {
	let out = text;
	for (const s of rig.secrets) if (s.length >= 8) out = out.split(s).join('***');
	return out.replace(/([?&]token=)[^&"\s]+/g, '$1***');
}

export interface Answer {
	status: number;
	text: string;
	json: any;
	contentType: string;
}

/** One raw HTTP request (no emulator in between): any method, body and headers. */
export async function send(
	url: string,
	{ method = 'POST', body, contentType = 'application/json', headers = {} }: { method?: string; body?: string | Buffer; contentType?: string | null; headers?: Record<string, string> } = {},
): Promise<Answer> {
	const h: Record<string, string> = { ...headers };
	if (contentType !== null) h['content-type'] = contentType;
	const res = await fetch(url, { method, headers: h, body: body === undefined ? undefined : body, signal: AbortSignal.timeout(60_000) });
	const text = await res.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, text, json, contentType: res.headers.get('content-type') ?? '' };
}

/**
 * POSTs a JSON body through a pool of at most `connections` keep-alive sockets (the way Atlas's
 * gateway would): more requests in flight wait for a free socket instead of opening hundreds.
 * Network failures come back as `status: 0` with the error's code, never as a throw.
 */
export function postPool(connections: number): { post: (url: string, body: string) => Promise<Answer & { error?: string }>; close: () => Promise<void> } {
	const agent = new Agent({ connections, keepAliveTimeout: 1_000 });
	return {
		post: async (url, body) => {
			try {
				const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, dispatcher: agent, headersTimeout: 60_000, bodyTimeout: 60_000 });
				const text = await res.body.text();
				let json: any;
				try {
					json = JSON.parse(text);
				} catch {
					json = undefined;
				}
				return { status: res.statusCode, text, json, contentType: String(res.headers['content-type'] ?? '') };
			} catch (error) {
				const e = error as Error & { code?: string; cause?: { code?: string } };
				return { status: 0, text: '', json: undefined, contentType: '', error: `${e.code ?? e.cause?.code ?? ''} ${e.message}` };
			}
		},
		close: async () => await agent.close(),
	};
}

/** n8n's health endpoint answers 200 (the server is still up). */
export async function assertHealthy(rig: Rig, what: string): Promise<void> {
	const res = await fetch(`${rig.n8n.baseUrl}/healthz`, { signal: AbortSignal.timeout(10_000) });
	assert.equal(res.status, 200, `n8n healthy after ${what}`);
	await res.text();
}

/** Counts a workflow's executions exactly (ids seen before are remembered). */
export class Executions {
	private seen = new Set<string>();

	constructor(
		private readonly client: N8nClient,
		readonly workflowId: string,
		private readonly settleMs = 1_500,
	) {}

	/** Waits for n more finished executions, lets `settleMs` pass, asserts there are exactly n new; oldest first. */
	async expectNew(n: number, { timeout = 30_000, includeData = true, what = '' } = {}): Promise<Execution[]> {
		const want = this.seen.size + n;
		if (n > 0) {
			await waitFor(
				async () => {
					const list = await this.client.executions({ workflowId: this.workflowId });
					return list.filter((e) => !['running', 'new', 'waiting'].includes(e.status)).length >= want;
				},
				{ timeout, interval: 250, what: `${n} new execution(s) ${what}` },
			);
		}
		await sleep(this.settleMs);
		const all = await this.client.executions({ workflowId: this.workflowId });
		const fresh = all.filter((e) => !this.seen.has(String(e.id)));
		assert.equal(fresh.length, n, `${what}: expected ${n} new execution(s), got ${fresh.length}: ${fresh.map((e) => `${e.id}:${e.status}`).join(', ')}`);
		for (const e of fresh) this.seen.add(String(e.id));
		fresh.sort((a, b) => Number(a.id) - Number(b.id));
		if (!includeData) return fresh;
		// one by one: a listing with data would download every earlier big execution again
		return await Promise.all(fresh.map(async (e) => await this.client.execution(e.id, true)));
	}

	async resync(): Promise<void> {
		await sleep(this.settleMs);
		for (const e of await this.client.executions({ workflowId: this.workflowId })) this.seen.add(String(e.id));
	}
}

/** The trigger's items of an execution. */
export function triggerItems(execution: Execution): Obj[] {
	const runs = execution.data?.resultData?.runData?.[TRIGGER];
	assert.ok(runs && runs.length > 0, `execution ${execution.id}: the trigger did not run`);
	return (runs[0].data?.main?.[0] ?? []).map((item) => item.json);
}

/** The de-duplication record's key for an event: 72 bits of SHA-256 (nodes/shared/seenRecord.ts). */
export function seenKey(dedupeKey: string): string {
	return createHash('sha256').update(dedupeKey).digest('base64url').slice(0, 12);
}

/** The keys of the `seen` blob in the trigger's static data, as the workflow GET returns it. */
export function seenKeys(workflow: Obj): string[] | undefined {
	const blob = workflow.staticData?.[`node:${TRIGGER}`]?.seen ?? workflow.staticData?.node?.[TRIGGER]?.seen;
	if (typeof blob !== 'string') return undefined;
	return recordKeys(blob);
}

export function triggerStaticData(workflow: Obj): Obj | undefined {
	return workflow.staticData?.[`node:${TRIGGER}`] ?? workflow.staticData?.node?.[TRIGGER];
}

export function subscriptionRows(subs: Array<Pick<Subscription, 'hookUrl' | 'campaignId' | 'triggerName'>>): string[] {
	return subs.map((s) => `${s.triggerName} ${s.campaignId} ${s.hookUrl.replace(/([?&]token=)[^&]+/, '$1<token>')}`).sort();
}

export function callEvent(callId: string, extra: Obj = {}): Obj {
	return {
		callId,
		campaignId: 'cmp_support',
		customerPhoneNumber: '+13125550199',
		customerName: 'Erin Example',
		direction: 'inbound',
		startedAt: '2026-01-02T03:04:05Z',
		...extra,
	};
}
