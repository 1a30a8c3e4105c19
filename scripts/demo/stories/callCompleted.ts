// The first story: examples/demo-call-completed.json (Atlas Trigger, Call Completed, all
// campaigns → Format message → Get call details), activated; three sample calls fired, one
// delivered twice as Atlas may: three executions, the duplicate dropped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator, Subscription } from '../../../test/emulator';
import {
	type Execution,
	HttpError,
	type Workflow,
	type WorkflowJson,
} from '../../../test/rig/client';
import { REPO_ROOT } from '../../../test/rig/paths';
import { sleep, waitFor } from '../../../test/rig/wait';
import { checkDeliveries } from '../emulator';
import { nodeJson, removeEarlierWorkflows } from '../n8n';
import { DemoError, bold, dim, done, green, home, red, step } from '../output';
import type { Demo, Story } from '../story';

const WORKFLOW_FILE = join(REPO_ROOT, 'examples', 'demo-call-completed.json');
export const NODE_NAMES = {
	trigger: 'Atlas Trigger',
	format: 'Format message',
	action: 'Get call details',
} as const;

export const callCompleted: Story = async (demo) => {
	const { client, emulator } = demo;
	const json = loadWorkflow(demo.credential);
	await removeEarlierWorkflows(client, json.name);
	const workflow = await client.createWorkflow(json);
	const subs = await activate(demo, workflow);
	demo.callCompletedWorkflow = workflow;
	done(`Atlas (the emulator) holds ${subs.length} subscription(s) for it`);
	const outcome = await fireSamples(demo, emulator, workflow.id);
	return { summary: () => printSummary(demo, workflow, subs, outcome) };
};

function loadWorkflow(credential: { id: string; name: string }): WorkflowJson {
	let json: WorkflowJson;
	try {
		json = JSON.parse(readFileSync(WORKFLOW_FILE, 'utf8')) as WorkflowJson;
	} catch (error) {
		throw new DemoError(`cannot read ${WORKFLOW_FILE}: ${(error as Error).message}`);
	}
	for (const node of json.nodes) {
		if (
			node.credentials &&
			typeof node.credentials === 'object' &&
			'atlasApi' in node.credentials
		) {
			node.credentials = { atlasApi: credential };
		}
	}
	return json;
}

async function activate(demo: Demo, workflow: Workflow): Promise<Subscription[]> {
	const { client, emulator: emu, n8n } = demo;
	try {
		await client.activate(workflow.id);
	} catch (error) {
		const message =
			error instanceof HttpError
				? String((error.body as { message?: string })?.message ?? error.message)
				: (error as Error).message;
		throw new DemoError(
			`n8n could not activate the workflow: ${message}`,
			`see ${home(n8n.logFile)}`,
		);
	}
	const webhookId = workflow.nodes.find((n) => n.name === NODE_NAMES.trigger)?.webhookId ?? '';
	// 2.x answers the activation at once and subscribes in the background: wait for the effect
	const subs = await waitFor(
		() => {
			const mine = emu.subscriptions().filter((s) => s.hookUrl.includes(webhookId));
			return mine.length > 0 && mine;
		},
		{ timeout: 30_000, what: 'the Atlas Trigger to subscribe in the emulator' },
	).catch(() => {
		throw new DemoError(
			'the workflow is active but the Atlas Trigger made no subscription in the emulator',
			`see ${home(n8n.logFile)}`,
		);
	});
	// the production route must answer (401 for a wrong token) before the first delivery
	const probe = new URL(subs[0].hookUrl);
	probe.searchParams.set('token', 'probe');
	await waitFor(
		async () =>
			(
				await fetch(probe, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: '[]',
				})
			).status !== 404,
		{
			timeout: 15_000,
			what: 'the production webhook',
		},
	);
	done(`activated the workflow "${workflow.name}"`);
	return subs;
}

function redact(hookUrl: string): string {
	return hookUrl.replace(/([?&]token=)[^&]*/, '$1***');
}

interface Outcome {
	executions: Execution[];
	duplicateDropped: boolean;
	duplicateOf: string;
}

async function fireSamples(demo: Demo, emu: Emulator, workflowId: string): Promise<Outcome> {
	const { client, n8n } = demo;
	step('firing 3 sample call_completed events (2 of the sales campaign, 1 of the front desk)');
	const sales = await emu.fire('call_completed', {
		campaignId: 'cmp_sales',
		count: 2,
		persist: true,
	});
	checkDeliveries(sales, 'the sales calls');
	const desk = await emu.fire('call_completed', {
		campaignId: 'cmp_support',
		count: 1,
		persist: true,
	});
	checkDeliveries(desk, 'the front desk call');
	const executions = await client.waitForExecutions(workflowId, 3, 60_000).catch(() => {
		throw new DemoError(
			'the 3 events did not start 3 executions within a minute',
			`see ${home(n8n.logFile)}`,
		);
	});
	done(`n8n ran the workflow ${executions.length} times`);

	// Atlas delivers at least once: deliver the first event again, exactly as it was
	const first = sales.events[0] as { callId: string };
	step(`delivering the call ${first.callId} a second time (as Atlas may do)`);
	const again = await emu.fire('call_completed', { events: [first] });
	checkDeliveries(again, 'the duplicate');
	await sleep(3_000);
	const after = await client.executions({ workflowId });
	const duplicateDropped = after.length === executions.length;
	if (duplicateDropped) done('the duplicate was dropped: no new execution');
	else
		console.log(
			`  ${red('✗')} the duplicate started an execution (${after.length} executions now)`,
		);
	return {
		executions: [...executions].sort((a, b) => Number(a.id) - Number(b.id)),
		duplicateDropped,
		duplicateOf: first.callId,
	};
}

function printSummary(
	demo: Demo,
	workflow: Workflow,
	subs: Subscription[],
	outcome: Outcome,
): string[] {
	const problems: string[] = [];
	const inst = demo.n8n;
	console.log(
		`${bold('Workflow')}    "${workflow.name}"  ${dim(`${inst.baseUrl}/workflow/${workflow.id}`)}`,
	);
	console.log(
		`  Atlas Trigger (Call Completed, all campaigns) → Format message → Get call details (Atlas node)`,
	);
	console.log(
		`${bold('Atlas holds')} ${subs.length} subscription(s) ${dim('(the emulator plays Atlas; token hidden)')}`,
	);
	for (const s of subs) {
		console.log(
			`  ${s.triggerName} · ${s.campaignId === '*' ? 'all campaigns (*)' : s.campaignId} → ${dim(redact(s.hookUrl))}`,
		);
	}
	console.log(`${bold('Executions')}`);
	for (const execution of outcome.executions) {
		const formatted = nodeJson(execution, NODE_NAMES.format);
		const call = nodeJson(execution, NODE_NAMES.action);
		const message = typeof formatted?.message === 'string' ? formatted.message : undefined;
		console.log(
			`  #${execution.id} ${execution.status === 'success' ? green(execution.status) : red(execution.status)}`,
		);
		if (message) for (const l of message.split('\n')) console.log(`    ${l}`);
		else problems.push(`execution ${execution.id} has no formatted message`);
		if (call) {
			const turns =
				Array.isArray(call.messages) && call.messages.length > 0
					? `, ${call.messages.length} conversation messages`
					: '';
			console.log(
				dim(
					`    Atlas node (Call > Get): call ${String(call.callId)} is ${String(call.status)}${turns}`,
				),
			);
			if ((call.id ?? call.callId) !== formatted?.callId)
				problems.push(`execution ${execution.id}: the Atlas node fetched another call`);
		} else problems.push(`execution ${execution.id}: the Atlas node returned nothing`);
		if (execution.status !== 'success')
			problems.push(`execution ${execution.id} ended with status ${execution.status}`);
	}
	console.log(
		`${bold('Duplicate')}   call ${outcome.duplicateOf} delivered again: ${outcome.duplicateDropped ? green('dropped (no execution)') : red('NOT dropped')}`,
	);
	if (!outcome.duplicateDropped) problems.push('the duplicate delivery started an execution');
	if (outcome.executions.length !== 3)
		problems.push(`expected 3 executions, found ${outcome.executions.length}`);
	return problems;
}
