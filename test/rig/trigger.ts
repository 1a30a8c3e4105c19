// The Atlas Trigger as the suites meet it: the one builder of its node JSON, its webhook URLs,
// the node's answers to deliveries and its items in executions.
import assert from 'node:assert/strict';
import type { FireResult } from '../emulator';
import type { Execution, Workflow, WorkflowJson } from './client';
import type { Credential } from './rig';
import { waitFor } from './wait';

type Obj = Record<string, any>;

export const TRIGGER = 'Atlas Trigger';
export const TRIGGER_TYPE = 'n8n-nodes-atlas.atlasTrigger';

/**
 * The Atlas Trigger node JSON: `parameters` over the defaults (Call Completed, all campaigns, no
 * options), the credential, named `name` (default TRIGGER) at `position`.
 */
export function triggerNode(
	credential: Credential,
	parameters: Obj = {},
	{ name = TRIGGER, position = [0, 0] }: { name?: string; position?: [number, number] } = {},
): WorkflowJson['nodes'][number] {
	return {
		name,
		type: TRIGGER_TYPE,
		typeVersion: 1,
		position,
		parameters: { events: ['call_completed'], campaignScope: 'all', options: {}, ...parameters },
		credentials: { atlasApi: credential },
	};
}

/** A workflow of a lone Atlas Trigger (see triggerNode). */
export function triggerWorkflow(
	name: string,
	credential: Credential,
	parameters: Obj = {},
): WorkflowJson {
	return { name, nodes: [triggerNode(credential, parameters)], connections: {} };
}

/** The trigger's production webhook URL (no query): `<n8n>/webhook/<webhookId>/atlas`. */
export function triggerUrl(
	n8nBaseUrl: string,
	workflow: Workflow | WorkflowJson,
	node = TRIGGER,
): string {
	const webhookId = workflow.nodes.find((n) => n.name === node)?.webhookId;
	assert.ok(webhookId, `workflow ${workflow.name}: node "${node}" has no webhookId`);
	return `${n8nBaseUrl}/webhook/${webhookId}/atlas`;
}

/** The items a node put out in an execution (first run, first output). */
export function nodeItems(execution: Execution, node: string): Array<Record<string, any>> {
	const runs = execution.data?.resultData?.runData?.[node];
	assert.ok(runs && runs.length > 0, `execution ${execution.id}: node "${node}" did not run`);
	return (runs[0].data?.main?.[0] ?? []).map((item) => item.json);
}

/** What the trigger answered to each delivery of a fire (the node replies with its report). */
export function reports(
	result: FireResult,
): Array<{ status: number | null; report: Record<string, number> | undefined }> {
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

/** Waits until a webhook URL is served (anything but 404), without starting an execution: wrong token. */
export async function waitForWebhook(url: string, timeout = 60_000): Promise<void> {
	const probe = new URL(url);
	probe.searchParams.set('event', 'call_started');
	probe.searchParams.set('token', 'probe-not-the-token');
	await waitFor(
		async () => {
			const res = await fetch(probe, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '[]',
			});
			await res.text();
			if (res.status === 404) return false;
			assert.equal(res.status, 401, `probe of the webhook answered ${res.status}`);
			return true;
		},
		{
			timeout,
			interval: 250,
			what: `webhook ${new URL(url).pathname} to be served`,
			rethrow: (e) => e instanceof assert.AssertionError,
		},
	);
}
