// The agent asks n8n mid-call: an active Atlas Action Trigger workflow (declared parameters
// date and partySize, answered by its last node), called by the emulator as Atlas calls an
// action, with the secret header. Prints the agent's request and n8n's answer with its latency.
import { randomBytes } from 'node:crypto';
import { callAction } from '../../../test/emulator';
import { waitFor } from '../../../test/rig/wait';
import { demoEngineEnv, describeEngineSettings } from '../../engine-settings';
import { availabilityWorkflow } from '../../workflows/action';
import { removeEarlierWorkflows } from '../n8n';
import { dim, done, note, step } from '../output';
import type { Demo, Story } from '../story';
import { LEAD } from './leadIsCalled';

const ACTION_CREDENTIAL_NAME = 'Atlas Action secret (demo)';
const ACTION_HEADER = 'X-Atlas-Secret';

export const agentAsks: Story = async (demo) => ({ problems: await agentLoop(demo) });

/** Answers the problems found (none when n8n's answer is the workflow's). */
async function agentLoop({ args, client, n8n }: Demo): Promise<string[]> {
	const secret = `demo-${randomBytes(18).toString('base64url')}`;
	const data = { headerName: ACTION_HEADER, secret };
	const existing = (
		await client.rest<Array<{ id: string; name: string; type: string }>>('GET', '/credentials')
	).find((c) => c.type === 'atlasActionApi' && c.name === ACTION_CREDENTIAL_NAME);
	const credential = existing
		? { id: existing.id, name: ACTION_CREDENTIAL_NAME }
		: await client.createCredential(ACTION_CREDENTIAL_NAME, 'atlasActionApi', data);
	if (existing) {
		await client.updateCredential(existing.id, ACTION_CREDENTIAL_NAME, 'atlasActionApi', data);
	}
	const json = availabilityWorkflow(credential);
	step(`the agent asks n8n mid-call: the workflow "${json.name}" (Atlas Action Trigger → Set)`);
	await removeEarlierWorkflows(client, json.name);
	const workflow = await client.createWorkflow(json);
	await client.activate(workflow.id);
	const webhookId = workflow.nodes.find((n) => n.type.endsWith('atlasActionTrigger'))?.webhookId;
	const url = `${n8n.baseUrl}/webhook/${String(webhookId)}/action?action=check%20availability`;
	// until the route is served n8n answers 404; without the secret the trigger answers 401
	await waitFor(async () => (await fetch(url, { method: 'POST', body: '{}' })).status === 401, {
		timeout: 30_000,
		what: 'the action URL',
	});
	const parameters = { date: '2026-12-08', partySize: 2 };
	const played = await callAction({
		url,
		headers: { [ACTION_HEADER]: secret },
		customerName: LEAD.name,
		parameters,
	});
	done(`the agent (the emulator, as Atlas) called ${dim(url)} with ${JSON.stringify(parameters)}`);
	done(`n8n answered in ${played.latencyMs} ms: ${JSON.stringify(played.answer)}`);
	note(`n8n ran with ${describeEngineSettings(demoEngineEnv(args.line, process.env), args.line)}`);
	const answer = played.answer as { message?: unknown } | null;
	if (
		!played.accepted ||
		typeof answer?.message !== 'string' ||
		!answer.message.includes(parameters.date)
	) {
		return [
			`the action's answer is not what the workflow says: ${played.status} ${JSON.stringify(played.answer)}`,
		];
	}
	return [];
}
