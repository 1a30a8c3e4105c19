// The workflows the Atlas end-to-end suites run (package-lifecycle.e2e.test.ts), and the node
// builders the e2e suites share. Packing the package, booting n8n + emulator, counting executions
// and diagnostics: ../rig.
import { randomUUID } from 'node:crypto';
import { type Credential, TRIGGER, type WorkflowJson, triggerNode } from '../rig';

export { TRIGGER };
export const ATLAS = 'Atlas';
export const SET = 'Set';
export const EVENTS = ['call_started', 'call_completed', 'message_received'] as const;

/** A resource locator "by ID" (campaign, call...). */
export const rl = (value: string) => ({ __rl: true, mode: 'id', value });

/** The Webhook node (POST `path`, answers when received) named `Webhook`, at the far left. */
export function webhookNode(path: string): WorkflowJson['nodes'][number] {
	return {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
}

/** Connections running the named nodes one after the other (each into the next's input). */
export function chain(names: string[]): WorkflowJson['connections'] {
	return Object.fromEntries(
		names
			.slice(0, -1)
			.map((from, i) => [from, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
	);
}

/** Atlas Trigger (3 events, all campaigns) -> Atlas Campaign > Get (campaign of the event) -> Set. */
export function mainWorkflow(credential: Credential, name: string): WorkflowJson {
	const creds = { atlasApi: credential };
	const fromTrigger = (field: string) => `$('${TRIGGER}').item.json.${field}`;
	return {
		name,
		nodes: [
			triggerNode(credential, { events: [...EVENTS] }),
			{
				name: ATLAS,
				type: 'n8n-nodes-atlas.atlas',
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					resource: 'campaign',
					operation: 'get',
					campaign: rl('={{ $json.campaignId }}'),
				},
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
							{
								id: 'e2e-1',
								name: 'event',
								type: 'string',
								value: `={{ ${fromTrigger('event')} }}`,
							},
							{
								id: 'e2e-2',
								name: 'ref',
								type: 'string',
								value: `={{ ${fromTrigger('callId')} ?? ${fromTrigger('messageId')} ?? '' }}`,
							},
							{
								id: 'e2e-3',
								name: 'campaignName',
								type: 'string',
								value: "={{ $json.name ?? '' }}",
							},
							{
								id: 'e2e-4',
								name: 'atlasError',
								type: 'string',
								value: "={{ $json.error ?? '' }}",
							},
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

export const OPS = {
	campaigns: 'Campaigns',
	calls: 'Calls',
	sessions: 'Chat Sessions',
	webhooks: 'Webhooks',
} as const;
export const MANUAL = 'Manual Trigger';

/** The Manual Trigger node (named MANUAL), at the far left. */
export function manualTriggerNode(): WorkflowJson['nodes'][number] {
	return {
		name: MANUAL,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

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
			manualTriggerNode(),
			atlas(OPS.campaigns, -300, { resource: 'campaign', operation: 'getAll', returnAll: true }),
			atlas(OPS.calls, -100, {
				resource: 'call',
				operation: 'getAll',
				returnAll: false,
				limit: 3,
				filters: { campaign: rl('cmp_support') },
			}),
			atlas(OPS.sessions, 100, {
				resource: 'chat',
				operation: 'getSessions',
				campaign: rl('cmp_chat'),
				returnAll: true,
			}),
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
			triggerNode(credential, { events: ['call_completed'], options: { sendSample: false } }),
		],
		connections: {},
	};
}
