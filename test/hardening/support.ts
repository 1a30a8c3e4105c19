// Helpers of the hardening suite (test/hardening/): one real n8n per line (debug log), the
// in-process Atlas emulator, raw HTTP deliveries, exact execution counting and secret checks.
// Uses the e2e harness (test/e2e/harness) as a tool; shares nothing else with the e2e suite.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { type Emulator, type Subscription, startEmulator } from '../emulator';
import { type Execution, N8nClient, type Workflow, type WorkflowJson } from '../e2e/harness/client';
import { type N8nInstance, startN8n } from '../e2e/harness/n8n';
import { type Line, REPO_ROOT } from '../e2e/harness/paths';
import { sleep, waitFor } from '../e2e/harness/wait';

export { sleep, waitFor };
export type Obj = Record<string, any>;
export const TRIGGER = 'Atlas Trigger';

let packed: string | undefined;
/** `npm pack` of the built package, once per process (`npm run test:hardening` builds first). */
export function packOnce(): string {
	if (packed) return packed;
	if (!existsSync(join(REPO_ROOT, 'dist', 'nodes', 'AtlasTrigger', 'AtlasTrigger.node.js'))) {
		throw new Error('dist/ is not built: run `npm run test:hardening` (it builds first) or `npm run build`');
	}
	const dir = mkdtempSync(join(tmpdir(), 'atlas-hardening-pack-'));
	execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	packed = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))!);
	return packed;
}

export interface Rig {
	line: Line;
	emu: Emulator;
	n8n: N8nInstance;
	client: N8nClient;
	apiKey: string;
	credential: { id: string; name: string };
	secrets: Set<string>;
}

/** Emulator + n8n of one line with the package installed like a community package, debug log. */
export async function startRig(line: Line): Promise<Rig> {
	const apiKey = `hk-${randomBytes(18).toString('base64url')}`;
	const emu = await startEmulator({ apiKey });
	const n8n = await startN8n({ line, packageTarball: packOnce(), logLevel: 'debug' });
	const client = new N8nClient(n8n.baseUrl, line);
	await client.setupOwner();
	const credential = await client.createCredential(`Atlas hardening ${line}`, 'atlasApi', { apiKey, baseUrl: emu.baseUrl });
	await client.createApiKey();
	return { line, emu, n8n, client, apiKey, credential, secrets: new Set([apiKey]) };
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

/** The de-duplication record's key for an event, as nodes/shared/dedupe.ts hashes it. */
export function seenKey(dedupeKey: string): string {
	return createHash('sha256').update(dedupeKey).digest('base64url').slice(0, 16);
}

/** The keys of the `seen` blob in the trigger's static data, as the workflow GET returns it. */
export function seenKeys(workflow: Obj): string[] | undefined {
	const blob = workflow.staticData?.[`node:${TRIGGER}`]?.seen ?? workflow.staticData?.node?.[TRIGGER]?.seen;
	if (typeof blob !== 'string') return undefined;
	return blob.split(' ').filter(Boolean).map((e) => e.slice(0, e.indexOf(':')));
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
