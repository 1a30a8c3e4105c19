// The three targets of bench/action.ts in one n8n, each answering with the same Set node's item
// when the last node finishes:
//   action     Atlas Action Trigger (header secret, When Last Node Finishes, default options)
//   webhook2   n8n's Webhook node 2.1 (Header Auth, When Last Node Finishes)
//   webhook1   n8n's Webhook node 1 (likewise): on 2.x it pays, like every community trigger,
//              the expression isolate n8n acquires per call for start nodes other than its own
//              Webhook >= 2 (webhookPhaseNeedsIsolate); on 1.123 there is no isolate
// and one call of the agent: Atlas's documented body, the answer checked (200, its own date).
import type { N8nClient } from '../../test/rig/client';
import type { Line } from '../../test/rig/paths';
import { type Target, makeTarget, untilServed } from './targets';

export const TARGET_NAMES = ['action', 'webhook2', 'webhook1'] as const;
/** with --with-v1: the same Atlas Action Trigger workflow at typeVersion 1 (before 1.1) */
export type TargetName = (typeof TARGET_NAMES)[number] | 'actionV1';
export type ActionTargets = Record<(typeof TARGET_NAMES)[number], Target<TargetName>> & {
	actionV1?: Target<TargetName>;
};

const HEADER = 'X-Atlas-Secret';
const SECRET = 'bench-secret-0123456789abcdef';

const SET = {
	name: 'Set',
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	position: [240, 0],
	parameters: {
		mode: 'manual',
		assignments: {
			assignments: [
				{ id: 'b1', name: 'available', type: 'string', value: 'yes' },
				{
					id: 'b2',
					name: 'date',
					type: 'string',
					value: '={{ $json.date ?? $json.body.parameters.date }}',
				},
			],
		},
		includeOtherFields: false,
		options: {},
	},
};

const toSet = (from: string) => ({ [from]: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } });

export interface ActionTargetOptions {
	/** the Atlas Action Trigger's typeVersion (default 1.1, the node's default) */
	actionTypeVersion?: number;
	/** also the same trigger workflow at typeVersion 1 (target `actionV1`) */
	withV1?: boolean;
	/** connections per target pool (the most calls in flight) */
	connections: number;
}

/** Creates and activates the three workflows; answers their targets once each one answers. */
export async function createActionTargets(
	client: N8nClient,
	line: Line,
	{ actionTypeVersion = 1.1, connections, withV1 = false }: ActionTargetOptions,
): Promise<ActionTargets> {
	const actionCred = await client.createCredential('bench action', 'atlasActionApi', {
		headerName: HEADER,
		secret: SECRET,
	});
	const headerCred = await client.createCredential('bench header', 'httpHeaderAuth', {
		name: HEADER,
		value: SECRET,
	});
	const actionWorkflow = async (typeVersion: number) =>
		await client.createWorkflow({
			name: `bench action ${typeVersion}`,
			nodes: [
				{
					name: 'Atlas Action Trigger',
					type: 'n8n-nodes-atlas.atlasActionTrigger',
					typeVersion,
					position: [0, 0],
					parameters: { respond: 'lastNode', options: {} },
					credentials: { atlasActionApi: { id: actionCred.id, name: actionCred.name } },
				},
				SET,
			],
			connections: toSet('Atlas Action Trigger'),
		});
	const webhookWf = async (typeVersion: number) =>
		await client.createWorkflow({
			name: `bench webhook ${typeVersion}`,
			nodes: [
				{
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion,
					position: [0, 0],
					parameters: {
						httpMethod: 'POST',
						path: `bench-${line}-${typeVersion}`,
						authentication: 'headerAuth',
						responseMode: 'lastNode',
						options: {},
					},
					credentials: { httpHeaderAuth: { id: headerCred.id, name: headerCred.name } },
				},
				SET,
			],
			connections: toSet('Webhook'),
		});
	const actionWf = await actionWorkflow(actionTypeVersion);
	const v1Wf = withV1 ? await actionWorkflow(1) : undefined;
	const w2 = await webhookWf(2.1);
	const w1 = await webhookWf(1);
	for (const wf of [actionWf, v1Wf, w2, w1]) if (wf) await client.activate(wf.id);
	const base = new URL(client.webhookUrl(w2, 'Webhook')).origin;
	const actionUrl = (wf: { nodes: Array<{ webhookId?: string }> }) =>
		`${base}/webhook/${wf.nodes[0].webhookId}/action`;
	const targets: ActionTargets = {
		action: makeTarget('action', actionUrl(actionWf), connections),
		...(v1Wf && { actionV1: makeTarget('actionV1', actionUrl(v1Wf), connections) }),
		webhook2: makeTarget('webhook2', client.webhookUrl(w2, 'Webhook'), connections),
		webhook1: makeTarget('webhook1', client.webhookUrl(w1, 'Webhook'), connections),
	};
	for (const t of Object.values(targets)) if (t) await untilServed(() => callAgent(t));
	return targets;
}

let seq = 0;

/** One call as Atlas's agent makes it; answers the round trip in ms (throws on a wrong answer). */
export async function callAgent(target: Target): Promise<number> {
	const date = `2026-12-${String((seq++ % 28) + 1).padStart(2, '0')}`;
	const body = JSON.stringify({
		callId: `call_${seq}`,
		campaignId: 'cmp_sales',
		customerPhoneNumber: '+14155550123',
		customerName: 'Dana',
		parameters: { date },
	});
	const t = performance.now();
	const res = await target.pool.request({
		path: target.path,
		method: 'POST',
		headers: { 'content-type': 'application/json', [HEADER.toLowerCase()]: SECRET },
		body,
		// a call n8n never answers fails the run instead of stalling it (seen once on 2.41.1 with
		// 10 in flight: a Webhook 2.1 execution left 'running')
		headersTimeout: 60_000,
		bodyTimeout: 60_000,
	});
	const text = await res.body.text();
	const ms = performance.now() - t;
	if (res.statusCode !== 200)
		throw new Error(`${target.name} -> ${res.statusCode}: ${text.slice(0, 300)}`);
	const answer = JSON.parse(text) as { date?: string };
	if (answer.date !== date)
		throw new Error(`${target.name} answered ${text.slice(0, 200)} for ${date}`);
	return ms;
}
