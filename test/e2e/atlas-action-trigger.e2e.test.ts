// End-to-end, issue 17: the Atlas Action Trigger in real n8n (1.123 on Node 20, 2.41 on Node 24;
// env N8N_LINES=1,2, default both), installed the way n8n installs community packages. This
// test plays the Atlas agent: it calls the production URL as an Atlas Action does (POST, the
// custom header, {callId, campaignId, customerPhoneNumber, customerName, parameters}) and checks
// the answer in every respond mode, the 401s, 20 actions in flight, and that a deactivated
// workflow no longer answers.
//   npm run build && node --import tsx --test --test-concurrency=1 test/e2e/atlas-action-trigger.e2e.test.ts
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
	type Credential,
	ExecutionCounter,
	Secrets,
	type Workflow,
	type WorkflowJson,
	describeLines,
	diagnosedStep,
	sleep,
	useRig,
	waitForWebhook,
} from '../rig';

type Obj = Record<string, any>;
const ACTION = 'Atlas Action Trigger';
const HEADER = 'X-Atlas-Secret';

function node(
	name: string,
	type: string,
	typeVersion: number,
	parameters: Obj,
	x: number,
	extra: Obj = {},
): Obj {
	return { name, type, typeVersion, position: [x, 0], parameters, ...extra };
}

/** Trigger -> the given chain, in order. */
function actionWorkflow(
	name: string,
	credential: Credential,
	trigger: Obj,
	chain: Obj[],
): WorkflowJson {
	const nodes = [
		node(ACTION, 'n8n-nodes-atlas.atlasActionTrigger', 1.1, trigger, 0, {
			credentials: { atlasActionApi: credential },
		}),
		...chain,
	];
	const connections: Obj = {};
	for (let i = 0; i + 1 < nodes.length; i++)
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { name, nodes: nodes as WorkflowJson['nodes'], connections };
}

const set = (x: number, fields: Record<string, string>) =>
	node(
		'Set',
		'n8n-nodes-base.set',
		3.4,
		{
			mode: 'manual',
			assignments: {
				assignments: Object.entries(fields).map(([k, v], i) => ({
					id: `a${i}`,
					name: k,
					type: 'string',
					value: v,
				})),
			},
			includeOtherFields: false,
			options: {},
		},
		x,
	);
const wait = (x: number, seconds: number) =>
	node(
		'Wait',
		'n8n-nodes-base.wait',
		1.1,
		{ resume: 'timeInterval', amount: seconds, unit: 'seconds' },
		x,
	);
const AVAILABILITY = {
	available: '=yes',
	date: '={{ $json.date }}',
	callId: '={{ $json.callId }}',
};

describeLines('Atlas Action Trigger in real n8n', (line, tarball) => {
	const secrets = new Secrets();
	const SECRET = `act-${randomBytes(18).toString('base64url')}`;
	secrets.add(SECRET);
	let credential: Credential;
	const workflows: Record<string, { workflow: Workflow; url: string; counter: ExecutionCounter }> =
		{};
	const step = diagnosedStep(line, secrets, () => ({
		...rig.started,
		counter: workflows.lastNode?.counter,
	}));

	/** Plays the agent: one action call; the answer, its status, content type and latency. */
	async function agent(
		url: string,
		parameters: Obj,
		{ secret = SECRET as string | null, callId = `call_${randomBytes(4).toString('hex')}` } = {},
	) {
		const started = performance.now();
		const res = await fetch(url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				...(secret === null ? {} : { [HEADER]: secret }),
			},
			body: JSON.stringify({
				callId,
				campaignId: 'cmp_sales',
				customerPhoneNumber: '+14155550123',
				customerName: 'Dana',
				parameters,
			}),
		});
		const text = await res.text();
		return {
			status: res.status,
			type: res.headers.get('content-type') ?? '',
			body: text ? JSON.parse(text) : undefined,
			ms: performance.now() - started,
			callId,
		};
	}

	async function deploy(key: string, trigger: Obj, chain: Obj[]) {
		const workflow = await rig.client.createWorkflow(
			actionWorkflow(`action ${key} ${line}`, credential, trigger, chain),
		);
		await rig.client.activate(workflow.id);
		const url = `${rig.n8n!.baseUrl}/webhook/${workflow.nodes[0].webhookId}/action?action=check%20availability`;
		await waitForWebhook(url);
		workflows[key] = {
			workflow,
			url,
			counter: new ExecutionCounter(rig.client, workflow.id, 1_000),
		};
		return workflows[key];
	}

	const rig = useRig(line, tarball, {
		apiKeyPrefix: 'act-',
		credentialName: `Atlas ${line}`,
		bootLog: 'first boot',
		secrets,
		onStart: async ({ client }) => {
			credential = await client.createCredential(`Atlas Action ${line}`, 'atlasActionApi', {
				headerName: HEADER,
				secret: SECRET,
			});
		},
	});

	step(
		"When Last Node Finishes: the agent gets the last node's first item as 200 JSON",
		async () => {
			const declared = {
				parameter: [
					{ name: 'date', type: 'string', required: true, description: 'the day to check' },
				],
			};
			const { url, counter } = await deploy(
				'lastNode',
				{ respond: 'lastNode', declaredParameters: declared, options: {} },
				[set(240, AVAILABILITY)],
			);
			const answer = await agent(url, { date: '2026-12-03' });
			assert.equal(answer.status, 200);
			assert.match(answer.type, /^application\/json/);
			assert.deepEqual(answer.body, {
				available: 'yes',
				date: '2026-12-03',
				callId: answer.callId,
			});
			const [exec] = await counter.expectNew(1);
			const item = (exec.data as Obj).resultData.runData[ACTION][0].data.main[0][0].json;
			assert.equal(item.actionName, 'check availability');
			assert.equal(item.customerName, 'Dana');
			assert.deepEqual(item.parameters, { date: '2026-12-03' });
			console.log(`# n8n ${line}.x lastNode answered in ${answer.ms.toFixed(0)} ms`);
		},
	);

	step(
		'the emulator plays the agent (POST /__emulator/action): answer and latency recorded',
		async () => {
			const { url, counter } = workflows.lastNode;
			const played = await fetch(`${rig.emu.origin}/__emulator/action`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					url,
					headers: { [HEADER]: SECRET },
					callId: 'call_emulated',
					parameters: { date: '2026-12-05' },
					timeoutSeconds: 10,
				}),
			}).then(async (r) => (await r.json()) as Obj);
			assert.equal(played.accepted, true);
			assert.equal(played.status, 200);
			assert.deepEqual(played.answer, {
				available: 'yes',
				date: '2026-12-05',
				callId: 'call_emulated',
			});
			assert.ok(played.latencyMs > 0);
			assert.deepEqual(played.headerNames, [HEADER]);
			assert.ok(!JSON.stringify(played).includes(SECRET), 'the emulator records no header value');
			console.log(`# n8n ${line}.x the emulated agent got its answer in ${played.latencyMs} ms`);
			await counter.expectNew(1);
		},
	);

	step('a missing or wrong secret gets 401 and starts no execution', async () => {
		const { url, counter } = workflows.lastNode;
		for (const secret of [null, 'wrong', SECRET.slice(0, -1)]) {
			const answer = await agent(url, { date: '2026-12-03' }, { secret });
			assert.equal(answer.status, 401);
			assert.ok(!JSON.stringify(answer.body).includes(SECRET));
		}
		await counter.expectNone();
		assert.ok(!rig.n8n!.readLog().includes(SECRET), "the secret is not in n8n's log");
	});

	step(
		'a missing required parameter: the agent is told what is missing, nothing runs',
		async () => {
			const { url, counter } = workflows.lastNode;
			const answer = await agent(url, {});
			assert.equal(answer.status, 200);
			assert.deepEqual(answer.body.missing, ['date']);
			assert.match(answer.body.message, /I still need: date \(the day to check\)/);
			await counter.expectNone();
		},
	);

	step('20 actions in flight are all answered, each with its own answer', async () => {
		const { url, counter } = workflows.lastNode;
		const dates = Array.from({ length: 20 }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}`);
		const answers = await Promise.all(dates.map((date) => agent(url, { date })));
		answers.forEach((a, i) => {
			assert.equal(a.status, 200);
			assert.deepEqual(a.body, { available: 'yes', date: dates[i], callId: a.callId });
		});
		const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
		console.log(
			`# n8n ${line}.x 20 in flight: p50 ${ms[9].toFixed(0)} ms, max ${ms[19].toFixed(0)} ms`,
		);
		await counter.expectNew(20);
	});

	step(
		"Using 'Answer the Agent' Node: answered by Atlas > Agent > Answer the Agent, the workflow goes on after it",
		async () => {
			const answerNode = node(
				'Answer the Agent',
				'n8n-nodes-atlas.atlas',
				1,
				{
					resource: 'action',
					operation: 'answer',
					answerWith: 'json',
					answerJson: '={{ JSON.stringify({ booked: true, date: $json.date }) }}',
				},
				240,
			);
			const { url, counter } = await deploy(
				'responseNode',
				{ respond: 'responseNode', options: {} },
				[answerNode, wait(480, 2), set(720, { after: '=done' })],
			);
			const answer = await agent(url, { date: '2026-12-24' });
			assert.equal(answer.status, 200);
			assert.match(answer.type, /^application\/json/);
			assert.deepEqual(answer.body, { booked: true, date: '2026-12-24' });
			assert.ok(
				answer.ms < 1_800,
				`answered before the 2 s Wait after it (${answer.ms.toFixed(0)} ms)`,
			);
			const [exec] = await counter.expectNew(1, { timeout: 20_000 });
			assert.equal(exec.status, 'success');
			assert.ok(exec.data!.resultData.runData.Set, 'the workflow went on after answering');
		},
	);

	step(
		"n8n's Respond to Webhook node cannot answer for this trigger: the agent still gets the Error Answer as 200 JSON",
		async () => {
			const respond = node(
				'Respond to Webhook',
				'n8n-nodes-base.respondToWebhook',
				1.1,
				{ respondWith: 'json', responseBody: '{"x": 1}', options: {} },
				240,
			);
			const { url, counter } = await deploy(
				'respondToWebhook',
				{ respond: 'responseNode', options: {} },
				[respond],
			);
			const answer = await agent(url, { date: '2026-12-24' });
			assert.equal(answer.status, 200);
			assert.equal(answer.body.ok, false);
			assert.match(answer.body.message, /could not get that done/);
			const [exec] = await counter.expectNew(1);
			assert.equal(exec.status, 'error');
			const error = JSON.stringify(
				exec.data!.resultData.error ?? exec.data!.resultData.runData['Respond to Webhook'],
			);
			assert.match(error, /No Webhook node found/);
		},
	);

	step(
		'Immediately: the agent gets the Immediate Answer at once, the workflow runs afterwards',
		async () => {
			const { url, counter } = await deploy('onReceived', { respond: 'onReceived', options: {} }, [
				wait(240, 2),
				set(480, AVAILABILITY),
			]);
			const answer = await agent(url, { date: '2026-12-25' });
			assert.equal(answer.status, 200);
			assert.deepEqual(answer.body, { ok: true, message: 'Received.' });
			assert.ok(answer.ms < 1_800, `before the workflow's 2 s Wait (${answer.ms.toFixed(0)} ms)`);
			const [exec] = await counter.expectNew(1, { timeout: 20_000 });
			assert.equal(exec.status, 'success');
		},
	);

	step('a workflow that fails: the agent gets the Error Answer, 200 JSON', async () => {
		const fail = node(
			'Stop and Error',
			'n8n-nodes-base.stopAndError',
			1,
			{ errorType: 'errorMessage', errorMessage: 'the CRM is down' },
			240,
		);
		const { url } = await deploy('error', { respond: 'lastNode', options: {} }, [fail]);
		const answer = await agent(url, {});
		assert.equal(answer.status, 200);
		assert.match(answer.type, /^application\/json/);
		assert.equal(answer.body.ok, false);
	});

	step(
		'a slow workflow: the Fallback Answer after Fallback After (Seconds), the workflow still finishes',
		async () => {
			const { url, counter } = await deploy(
				'fallback',
				{
					respond: 'lastNode',
					options: {
						fallbackAfterSeconds: 1,
						fallbackAnswer: '{"pending": true, "message": "I will text you the result."}',
					},
				},
				[wait(240, 3), set(480, AVAILABILITY)],
			);
			const answer = await agent(url, { date: '2026-12-26' });
			assert.equal(answer.status, 200);
			assert.deepEqual(answer.body, { pending: true, message: 'I will text you the result.' });
			assert.ok(
				answer.ms >= 900 && answer.ms < 2_500,
				`after about 1 s (${answer.ms.toFixed(0)} ms)`,
			);
			const [exec] = await counter.expectNew(1, { timeout: 20_000 });
			assert.equal(exec.status, 'success');
			await sleep(500);
			assert.ok(
				!/headers already sent|ERR_HTTP_HEADERS_SENT/i.test(rig.n8n!.readLog()),
				"n8n's own late answer was dropped quietly",
			);
		},
	);

	step(
		'"Listen for test event": the Test URL answers the agent like the production one',
		async () => {
			// pinData {} as the editor saves it: n8n 1.123 answers a test webhook in "last node"
			// mode with a 500 when the workflow's pinData is null (the REST API's default), for
			// any trigger ("Cannot read properties of null" in its webhook helpers)
			const listen = await rig.client.createWorkflow({
				...actionWorkflow(
					`action listen ${line}`,
					credential,
					{ respond: 'lastNode', options: {} },
					[set(240, AVAILABILITY)],
				),
				pinData: {},
			});
			const answer = await rig.client.rest('POST', `/workflows/${listen.id}/run`, {
				workflowData: listen,
				triggerToStartFrom: { name: ACTION },
			});
			assert.deepEqual(answer, { waitingForWebhook: true });
			const testUrl = `${rig.n8n!.baseUrl}/webhook-test/${listen.nodes[0].webhookId}/action`;
			await waitForWebhook(testUrl);
			const reply = await agent(testUrl, { date: '2026-12-31' });
			assert.equal(reply.status, 200);
			assert.deepEqual(reply.body, { available: 'yes', date: '2026-12-31', callId: reply.callId });
			const [exec] = await rig.client.waitForExecutions(listen.id, 1, 30_000);
			assert.equal(exec.mode, 'manual');
		},
	);

	step('a deactivated workflow no longer answers', async () => {
		const { workflow, url, counter } = workflows.lastNode;
		await rig.client.deactivate(workflow.id);
		await sleep(500);
		const answer = await agent(url, { date: '2026-12-03' });
		assert.equal(answer.status, 404);
		await counter.expectNone();
	});
});
