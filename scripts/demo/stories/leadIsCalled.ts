// The acting loop: a lead is posted to a Webhook → Atlas Call > Schedule → the emulator places the
// call → its call_completed reaches the call-completed story's Atlas Trigger → the formatted
// message names the lead.
import { randomBytes, randomUUID } from 'node:crypto';
import { waitFor } from '../../../test/rig/wait';
import { nodeJson, removeEarlierWorkflows } from '../n8n';
import { DemoError, dim, done, step } from '../output';
import type { Demo, Story } from '../story';
import { NODE_NAMES } from './callCompleted';

const LEAD_WORKFLOW = 'Atlas demo: a lead → the AI calls';
export const LEAD = { name: 'Grace Okafor', phone: '(415) 555-0177', note: 'wants a solar quote' };

export const leadIsCalled: Story = async (demo) => ({ problems: await leadLoop(demo) });

/** Answers the problems found (none when the loop closed). */
async function leadLoop({
	client,
	credential,
	n8n,
	callCompletedWorkflow,
}: Demo): Promise<string[]> {
	if (!callCompletedWorkflow)
		throw new DemoError(
			'the lead story needs the call-completed story to run first (stories/index.ts)',
		);
	const demoWorkflowId = callCompletedWorkflow.id;
	step(`a lead enters: the workflow "${LEAD_WORKFLOW}" (Webhook → Atlas Call > Schedule)`);
	await removeEarlierWorkflows(client, LEAD_WORKFLOW);
	const path = `demo-lead-${randomBytes(6).toString('hex')}`;
	const workflow = await client.createWorkflow({
		name: LEAD_WORKFLOW,
		nodes: [
			{
				name: 'New lead',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			},
			{
				name: 'Call the lead',
				type: 'n8n-nodes-atlas.atlas',
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					resource: 'call',
					operation: 'schedule',
					campaign: { __rl: true, mode: 'id', value: 'cmp_sales' },
					customerPhoneNumber: '={{ $json.body.phone }}',
					customerName: '={{ $json.body.name }}',
					customerInfo: '=Website lead: {{ $json.body.note }}',
					scheduleOptions: {},
				},
				credentials: { atlasApi: credential },
			},
		],
		connections: { 'New lead': { main: [[{ node: 'Call the lead', type: 'main', index: 0 }]] } },
	});
	await client.activate(workflow.id);
	const url = `${n8n.baseUrl}/webhook/${path}`;
	const before = (await client.executions({ workflowId: demoWorkflowId })).length;
	// until the route is served n8n answers 404 and runs nothing: the first 200 is the lead
	await waitFor(
		async () => {
			const res = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(LEAD),
			});
			await res.text();
			return res.status === 200;
		},
		{ timeout: 30_000, what: 'the lead webhook' },
	);
	done(`posted the lead ${LEAD.name}, ${LEAD.phone} to ${dim(url)}`);
	const [run] = await client.waitForExecutions(workflow.id, 1, 30_000);
	const scheduled = nodeJson(await client.execution(run.id), 'Call the lead');
	if (!scheduled || scheduled.skipped !== false)
		return [`Call > Schedule did not schedule the lead: ${JSON.stringify(scheduled ?? {})}`];
	done(
		`Atlas Call > Schedule: call #${String(scheduled.sequenceNumber)} to ${String(scheduled.customerPhoneNumber)} (the number in E.164), now`,
	);
	step('the emulator places the call: call_started, then call_completed to the Atlas Trigger');
	const executions = await client
		.waitForExecutions(demoWorkflowId, before + 1, 30_000)
		.catch(() => undefined);
	if (!executions) return ["the scheduled call's call_completed started no execution"];
	const latest = [...executions].sort((a, b) => Number(b.id) - Number(a.id))[0];
	const message = nodeJson(await client.execution(latest.id), NODE_NAMES.format)?.message;
	done(`the Atlas Trigger's Call Completed ran the demo workflow (#${latest.id}):`);
	if (typeof message === 'string') for (const l of message.split('\n')) console.log(`    ${l}`);
	if (typeof message !== 'string' || !message.includes(LEAD.name))
		return [`the call's message does not name the lead: ${String(message)}`];
	// the agent booked the assessment during the call: Include Bookings brought it with the event
	if (!message.includes('📅 Booked:'))
		return [`the call's booking did not arrive with the call (Include Bookings): ${message}`];
	done('the booking the agent made during the call arrived with the call (Include Bookings)');
	return [];
}
