// End-to-end: Call > Schedule in real n8n servers (1.123 on Node 20, 2.41 on Node 24; env
// N8N_LINES=1,2), against the Atlas emulator. One boot per line.
//   - a Webhook → Atlas Call > Schedule workflow runs: the emulator records exactly the expected
//     requests (the de-dup reads, then one POST with the number in E.164);
//   - the emulated call's call_completed reaches a second, active workflow with the Atlas Trigger,
//     naming the scheduled customer;
//   - a repeated submit within the window schedules nothing new (skipped: true, no POST, no call).
//   npm run build && node --import tsx --test --test-concurrency=1 test/e2e/atlas-node-acts.e2e.test.ts
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
	type Execution,
	Secrets,
	describeLines,
	diagnosedStep,
	mark,
	nodeItems,
	requestsSince,
	sleep,
	useRig,
	TRIGGER,
	triggerNode,
	waitFor,
} from '../rig';

const ATLAS = 'Call the lead';
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

describeLines('Atlas node acts in real n8n', (line, tarball) => {
	const secrets = new Secrets();
	let leadUrl = '';
	let leadWorkflowId = '';
	let listenerId = '';

	const step = diagnosedStep(line, secrets, () => ({ ...rig.started }));
	const lead = { name: 'Grace Okafor', phone: '(415) 555-0177', note: 'wants a solar quote' };
	const submit = async () => {
		const res = await fetch(leadUrl, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(lead),
		});
		await res.text();
		return res.status;
	};
	const newest = (executions: Execution[]) =>
		executions.sort((a, b) => Number(b.id) - Number(a.id))[0];
	const routes = (since: number) =>
		requestsSince(rig.emu, since).map((request) => `${request.route} ${request.status}`);

	const rig = useRig(line, tarball, {
		apiKeyPrefix: 'e2e-',
		credentialName: `Atlas acts ${line}`,
		bootLog: 'boot',
		secrets,
		took: 'acts suite',
		onStart: ({ emu }) => emu.configure({ callDelayMs: 300, callDurationMs: 500 }),
	});

	step('an active Atlas Trigger workflow listens for Call Completed', async () => {
		const listener = await rig.client.createWorkflow({
			name: `call completed ${line}`,
			nodes: [triggerNode(rig.credential, { events: ['call_completed'] })],
			connections: {},
		});
		listenerId = listener.id;
		await rig.client.activate(listener.id);
		await waitFor(() => (rig.emu.subscriptions().length === 1 ? true : undefined), {
			what: 'the call_completed subscription',
		});
		secrets.addTokensOf(rig.emu);
	});

	step(
		'Webhook → Call > Schedule runs; the emulator records exactly the expected requests',
		async () => {
			const path = `lead-${randomUUID()}`;
			const wf = await rig.client.createWorkflow({
				name: `speed to lead ${line}`,
				nodes: [
					{
						name: 'Webhook',
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						position: [0, 0],
						webhookId: randomUUID(),
						parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
					},
					{
						name: ATLAS,
						type: 'n8n-nodes-atlas.atlas',
						typeVersion: 1,
						position: [240, 0],
						parameters: {
							resource: 'call',
							operation: 'schedule',
							campaign: rl('cmp_sales'),
							customerPhoneNumber: '={{ $json.body.phone }}',
							customerName: '={{ $json.body.name }}',
							customerInfo: '=Website lead: {{ $json.body.note }}',
							scheduleOptions: {},
						},
						credentials: { atlasApi: rig.credential },
					},
				],
				connections: { Webhook: { main: [[{ node: ATLAS, type: 'main', index: 0 }]] } },
			});
			leadWorkflowId = wf.id;
			leadUrl = `${rig.n8n!.baseUrl}/webhook/${path}`;
			const since = mark(rig.emu);
			await rig.client.activate(wf.id);
			// until the webhook is served a POST is answered 404 and runs nothing: the first 200 is the submit
			await waitFor(async () => (await submit()) === 200, {
				timeout: 30_000,
				what: 'the Webhook to be served',
			});
			const [run] = await rig.client.waitForExecutions(wf.id, 1, 30_000);
			const execution = await rig.client.execution(run.id);
			assert.equal(
				execution.status,
				'success',
				JSON.stringify(execution.data?.resultData?.error ?? {}),
			);
			const [item] = nodeItems(execution, ATLAS);
			assert.equal(item.sequenceNumber, 1);
			assert.equal(item.skipped, false);
			assert.equal(item.customerPhoneNumber, '+14155550177');
			assert.equal(item.campaignId, 'cmp_sales');
			assert.ok(!Number.isNaN(Date.parse(item.scheduledAt)));

			const calls = routes(since).filter((r) => !r.startsWith('GET /campaign '));
			assert.deepEqual(calls, [
				'GET /call/scheduled/:campaignId 200',
				'GET /call 200',
				'POST /campaign/createschedule 201',
			]);
			const post = requestsSince(rig.emu, since, { method: 'POST', path: '/v1/api/campaign/' })[0];
			assert.deepEqual(post.body, {
				campaignId: 'cmp_sales',
				customerPhoneNumber: '+14155550177',
				customerName: 'Grace Okafor',
				customerInfo: 'Website lead: wants a solar quote',
			});
			assert.equal(rig.emu.schedules.length, 1);
		},
	);

	step("the emulated call's call_completed reaches the Atlas Trigger workflow", async () => {
		const [run] = await rig.client.waitForExecutions(listenerId, 1, 30_000);
		const execution = await rig.client.execution(run.id);
		assert.equal(execution.status, 'success');
		const [event] = nodeItems(execution, TRIGGER);
		assert.equal(event.event, 'call_completed');
		assert.equal(event.customerPhoneNumber, '+14155550177');
		assert.equal(event.customerName, 'Grace Okafor');
		assert.match(String(event.summary), /Grace Okafor/);
		assert.match(String(event.transcript), /Grace/);
		assert.equal(event.callId, rig.emu.schedules[0].callId);
		assert.ok(
			rig.emu.calls.some((call) => call.id === event.callId && call.status === 'completed'),
		);
	});

	step('a repeated submit within the window schedules nothing new', async () => {
		const since = mark(rig.emu);
		assert.equal(await submit(), 200);
		const runs = await rig.client.waitForExecutions(leadWorkflowId, 2, 30_000);
		const execution = await rig.client.execution(newest(runs).id);
		assert.equal(
			execution.status,
			'success',
			JSON.stringify(execution.data?.resultData?.error ?? {}),
		);
		const [item] = nodeItems(execution, ATLAS);
		assert.equal(item.skipped, true);
		assert.match(String(item.reason), /already scheduled/);
		assert.deepEqual(routes(since), ['GET /call/scheduled/:campaignId 200'], 'no schedule request');
		assert.equal(rig.emu.schedules.length, 1);
		await sleep(1_500);
		assert.equal(
			(await rig.client.executions({ workflowId: listenerId })).length,
			1,
			'no second call',
		);
		await rig.client.deactivate(leadWorkflowId);
		await rig.client.deactivate(listenerId);
	});
});
