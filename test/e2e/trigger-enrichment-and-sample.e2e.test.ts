// End-to-end, the Atlas Trigger's options: Fetch Full Call Record, Drop Events Atlas Does Not Confirm,
// Download Recording on an ACTIVE workflow, and Send Sample When Listening through a real
// "Listen for test event" (POST /rest/workflows/{id}/run with the trigger as start node), in
// real n8n (1.123 on Node 20, 2.41 on Node 24; env N8N_LINES=1,2, default both) against the
// emulator. The package is packed and installed the way n8n installs community packages.
//   npm run test:features   (builds first)
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import { FAKE_MP3 } from '../emulator';
import {
	ExecutionCounter,
	Secrets,
	TRIGGER,
	type Workflow,
	describeLines,
	diagnosedStep,
	mark,
	reports,
	requestsSince,
	useRig,
	triggerUrl,
	triggerWorkflow,
	waitFor,
	waitForWebhook,
} from '../rig';

type Obj = Record<string, any>;

/** The trigger's output items (json and binary) of an execution. */
function triggerOutput(execution: { data?: any }): Array<{ json: Obj; binary?: Obj }> {
	const runs = execution.data?.resultData?.runData?.[TRIGGER];
	assert.ok(runs?.length, 'the trigger ran');
	return runs[0].data.main[0];
}

/** The bytes of a binary item when n8n keeps them inline (binary mode "default"), else undefined. */
function inlineBytes(binary: Obj): Buffer | undefined {
	return typeof binary.data === 'string' && binary.data.length > 100
		? Buffer.from(binary.data, 'base64')
		: undefined;
}

describeLines(
	'Atlas Trigger in real n8n: call record, recording and the listening sample',
	(line, tarball) => {
		const secrets = new Secrets();
		let workflow: Workflow;
		let counter: ExecutionCounter;
		let foreign: Server;
		let foreignOrigin: string;
		const foreignHits: Array<{ path: string; headers: IncomingHttpHeaders }> = [];

		const step = diagnosedStep(line, secrets, () => ({ ...rig.started, counter }));

		before(async () => {
			foreign = createServer((req, res) => {
				foreignHits.push({ path: req.url ?? '', headers: req.headers });
				res.writeHead(200, {
					'content-type': 'audio/mpeg',
					'content-length': String(FAKE_MP3.length),
				});
				res.end(FAKE_MP3);
			});
			await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
			foreignOrigin = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
		});
		const rig = useRig(line, tarball, {
			apiKeyPrefix: 'e2e-',
			credentialName: `Atlas features ${line}`,
			bootLog: 'first boot',
			secrets,
		});

		after(async () => {
			foreign?.closeAllConnections();
			await new Promise<void>((resolve) => (foreign ? foreign.close(() => resolve()) : resolve()));
		});

		step(
			'an active trigger with Fetch Full Call Record, Drop Events Atlas Does Not Confirm and Download Recording',
			async () => {
				workflow = await rig.client.createWorkflow(
					triggerWorkflow(`atlas features ${line}`, rig.credential, {
						options: { fetchCallRecord: true, dropUnconfirmed: true, downloadRecording: true },
					}),
				);
				counter = new ExecutionCounter(rig.client, workflow.id);
				await rig.client.activate(workflow.id);
				const prodUrl = triggerUrl(rig.n8n!.baseUrl, workflow);
				await waitFor(() => rig.emu.subscriptions().length === 1, { what: 'the subscription' });
				secrets.addTokensOf(rig.emu);
				await waitForWebhook(prodUrl);
			},
		);

		step(
			'a real call: answered before the lookup, then emitted with callRecord and the recording as binary data',
			async () => {
				const before = mark(rig.emu);
				rig.emu.setLatency(1_500, '/call/:id'); // a slow Atlas: the delivery is still answered at once
				let fired;
				try {
					fired = await rig.emu.fire('call_completed', { campaignId: 'cmp_sales', persist: true });
				} finally {
					rig.emu.setLatency(0, '/call/:id');
				}
				const ev = fired.events[0] as Obj;
				assert.deepEqual(reports(fired), [
					{
						status: 200,
						report: {
							received: 1,
							accepted: 1,
							duplicates: 0,
							ignored: 0,
							invalid: 0,
							toConfirm: 1,
						},
					},
				]);
				assert.ok(
					fired.deliveries[0].durationMs < 1_200,
					`answered before the 1.5 s lookup (${fired.deliveries[0].durationMs} ms)`,
				);

				const [exec] = await counter.expectNew(1);
				assert.equal(exec.status, 'success');
				const [item] = triggerOutput(exec);
				assert.equal(item.json.callId, ev.callId);
				assert.equal(item.json.callRecordError, undefined);
				assert.equal(item.json.recordingError, undefined);
				const record = item.json.callRecord;
				assert.equal(record.callId, ev.callId);
				assert.equal(record.summary, ev.summary);
				assert.equal(record.status, 'completed');
				assert.equal(record.recordingUrl, ev.recordingUrl);
				assert.deepEqual(
					record.messages.map((t: Obj) => [t.role, t.message]),
					ev.messages.map((m: Obj) => [m.role, m.message]),
				);

				const binary = item.binary?.recording;
				assert.ok(binary, 'binary property "recording"');
				assert.equal(binary.fileName, `${ev.callId}.mp3`);
				assert.equal(binary.mimeType, 'audio/mpeg');
				const bytes = inlineBytes(binary);
				if (bytes) assert.ok(bytes.equals(FAKE_MP3), 'the exact bytes');
				else
					assert.equal(
						binary.bytes ?? FAKE_MP3.length,
						FAKE_MP3.length,
						'the size of the bytes served',
					);
				if (!bytes)
					console.log(
						`# n8n ${line}.x keeps binary data outside the execution (${JSON.stringify({ ...binary, data: undefined })})`,
					);

				const calls = requestsSince(rig.emu, before).map(
					(r) => `${r.method} ${r.route} ${r.status} ${r.apiKeyValid}`,
				);
				assert.deepEqual(calls, [
					'GET GET /call/:id 200 true',
					'GET GET /recordings/:callId.mp3 200 true', // the credential's own host
				]);
			},
		);

		step('a call Atlas does not know (404) is dropped: no execution', async () => {
			const fired = await rig.emu.fire('call_completed', { campaignId: 'cmp_sales' }); // not persisted: unknown to GET /call/:id
			assert.deepEqual(
				reports(fired).map((r) => [r.status, r.report?.toConfirm]),
				[[200, 1]],
			);
			await counter.expectNone();
			await waitFor(
				() =>
					/dropped 1 of 1 event\(s\) of a delivery: Atlas does not know their call/.test(
						rig.n8n!.readLog(),
					),
				{
					what: 'the drop to be logged',
				},
			);
		});

		step(
			'Atlas failing (500) keeps the event, with callRecordError; a recording on another host is fetched without the api-key',
			async () => {
				rig.emu.setFault({ path: '/call/:id', type: '500', count: -1 });
				let fired;
				let exec;
				try {
					fired = await rig.emu.fire('call_completed', {
						campaignId: 'cmp_support',
						persist: true,
						overrides: { recordingUrl: `${foreignOrigin}/rec/abc.mp3` },
					});
					// the lookup runs after the answer: keep Atlas failing until the execution is there
					[exec] = await counter.expectNew(1, { timeout: 60_000 });
				} finally {
					rig.emu.clearFaults();
				}
				const ev = fired.events[0] as Obj;
				const [item] = triggerOutput(exec);
				assert.equal(item.json.callId, ev.callId);
				assert.equal(item.json.callRecord, undefined);
				assert.match(
					item.json.callRecordError,
					/could not be fetched: Atlas had an internal error \(HTTP 500\)/,
				);
				assert.equal(item.binary?.recording?.fileName, `${ev.callId}.mp3`);
				assert.deepEqual(
					foreignHits.map((h) => h.path),
					['/rec/abc.mp3'],
				);
				assert.equal(foreignHits[0].headers['api-key'], undefined, 'no api-key to a foreign host');
				assert.equal(secrets.leakedIn(JSON.stringify(foreignHits)), false);
			},
		);

		step('deactivation removes the subscription', async () => {
			await rig.client.deactivate(workflow.id);
			await waitFor(() => rig.emu.subscriptions().length === 0, {
				what: 'the subscription to be removed',
			});
		});

		step(
			'"Listen for test event" delivers a sample at once (Send Sample When Listening, default on), then ends',
			async () => {
				const before = mark(rig.emu);
				const listen = await rig.client.createWorkflow(
					triggerWorkflow(`atlas features listen ${line}`, rig.credential),
				);
				const answer = await rig.client.rest('POST', `/workflows/${listen.id}/run`, {
					workflowData: listen,
					triggerToStartFrom: { name: TRIGGER },
				});
				assert.deepEqual(answer, { waitingForWebhook: true });

				const [exec] = await rig.client.waitForExecutions(listen.id, 1, 30_000);
				assert.equal(exec.mode, 'manual');
				assert.equal(exec.status, 'success');
				const items = triggerOutput(await rig.client.execution(exec.id));
				assert.equal(items.length, 1);
				const sample = items[0].json;
				assert.equal(sample.event, 'call_completed');
				assert.equal(sample.sample, true);
				assert.equal(sample.sampleSource, 'atlas');
				assert.match(sample.sampleNote, /sample/i);
				assert.ok(
					rig.emu.calls.some((c) => c.id === sample.callId),
					'built from a real call of the account',
				);

				// the listener ended with that execution: the test subscription is gone
				await waitFor(() => rig.emu.subscriptions().length === 0, {
					what: 'the test subscription to be removed',
				});
				const calls = requestsSince(rig.emu, before)
					// activation and deactivation also ask what Atlas holds at the test address
					.filter((r) => r.route !== 'GET /events-gateway/trigger/list')
					.map((r) => `${r.method} ${r.route} ${r.status}`);
				assert.deepEqual(calls, [
					'POST POST /events-gateway/trigger/subscribe 201',
					'GET GET /events-gateway/trigger/sample 200',
					'DELETE DELETE /events-gateway/trigger/unsubscribe 200',
				]);
				assert.match(
					rig.n8n!.readLog(),
					/Atlas Trigger: sample delivery done: call_completed \(atlas\)/,
				);
				await rig.client.deleteWorkflow(listen.id);
			},
		);

		step('with the option off, "Listen for test event" waits for a real event', async () => {
			const listen = await rig.client.createWorkflow(
				triggerWorkflow(`atlas features listen off ${line}`, rig.credential, {
					options: { sendSample: false },
				}),
			);
			await rig.client.rest('POST', `/workflows/${listen.id}/run`, {
				workflowData: listen,
				triggerToStartFrom: { name: TRIGGER },
			});
			await waitFor(() => rig.emu.subscriptions().length === 1, { what: 'the test subscription' });
			secrets.addTokensOf(rig.emu);
			await new Promise((r) => setTimeout(r, 1_500));
			assert.equal((await rig.client.executions({ workflowId: listen.id })).length, 0, 'no sample');
			const fired = await rig.emu.fire('call_completed', { campaignId: 'cmp_sales' });
			assert.deepEqual(
				reports(fired).map((r) => r.status),
				[200],
			);
			const [exec] = await rig.client.waitForExecutions(listen.id, 1, 30_000);
			const [item] = triggerOutput(await rig.client.execution(exec.id));
			assert.equal(item.json.callId, (fired.events[0] as Obj).callId);
			assert.equal(item.json.sample, undefined);
			await waitFor(() => rig.emu.subscriptions().length === 0, {
				what: 'the test subscription to be removed',
			});
			await rig.client.deleteWorkflow(listen.id);
		});

		step('n8n never logged the api-key or a token', async () => {
			assert.equal(secrets.leakedIn(rig.n8n!.readLog()), false);
		});
	},
);
