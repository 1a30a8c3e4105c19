// End-to-end, the package's life in n8n: installed, credential tested, trigger activated,
// deliveries executed and de-duplicated, restarted, deactivated, listened. The packed package,
// installed the way n8n installs community packages, in real n8n servers (1.123 on Node 20, 2.41
// on Node 24; env N8N_LINES=1,2, default both, booted in parallel), against the Atlas emulator
// (in-process, one per line). One boot per line plus one restart. Tests of a line run in order
// and build on each other.
//   npm run test:e2e        (builds, then runs every test/e2e/*.e2e.test.ts)
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Subscription } from '../emulator';
import {
	type Execution,
	ExecutionCounter,
	Secrets,
	type Workflow,
	describeLines,
	diagnosedStep,
	finishedExecution,
	mark,
	nodeItems,
	reports,
	requestsSince,
	useRig,
	tokenOf,
	triggerUrl,
	waitFor,
	waitForWebhook,
} from '../rig';
import {
	ATLAS,
	EVENTS,
	MANUAL,
	OPS,
	SET,
	TRIGGER,
	listenWorkflow,
	mainWorkflow,
	operationsWorkflow,
} from './workflows';

type Obj = Record<string, any>;

const CAMPAIGN_NAMES: Record<string, string> = {
	cmp_sales: 'Sunbeam Solar - Outbound Sales',
	cmp_support: 'Brightside Dental - Front Desk',
	cmp_chat: 'Harbor Realty - SMS Concierge',
};

/** Subscriptions as comparable, printable rows (token replaced after it was checked). */
function rows(
	subs: Array<Pick<Subscription, 'hookUrl' | 'campaignId' | 'triggerName' | 'provider'>>,
): string[] {
	return subs
		.map(
			(s) =>
				`${s.triggerName} ${s.campaignId} ${s.provider} ${s.hookUrl.replace(/([?&]token=)[^&]+/, '$1<token>')}`,
		)
		.sort();
}

function callStartedEvent(callId: string, campaignId = 'cmp_support'): Obj {
	return {
		callId,
		campaignId,
		customerPhoneNumber: '+13125550199',
		customerName: 'Erin Example',
		direction: 'inbound',
		startedAt: new Date().toISOString(),
	};
}

describeLines(
	'Atlas package in real n8n: install, activate, deliver, restart, deactivate, listen',
	(line, tarball) => {
		const secrets = new Secrets();
		let workflow: Workflow;
		let counter: ExecutionCounter;
		let prodUrl: string; // the trigger's production webhook URL, without query
		let subsAtActivation: Subscription[] = [];
		// events delivered once, re-delivered after the restart
		const delivered: Array<{ event: string; body: Obj }> = [];

		/** A test whose failure prints n8n's log tail and the emulator's logs (redacted). */
		const step = diagnosedStep(line, secrets, () => ({ ...rig.started, counter }));

		const rig = useRig(line, tarball, {
			apiKeyPrefix: 'e2e-',
			credentialName: `Atlas e2e ${line}`,
			bootLog: 'first boot',
			secrets,
			took: 'suite',
		});

		step('the package loads from the nodes folder (zod resolved from n8n itself)', async () => {
			const types = await rig.client.nodeTypes();
			assert.ok(types.has('n8n-nodes-atlas.atlasTrigger'), 'atlasTrigger loaded');
			assert.ok(types.has('n8n-nodes-atlas.atlas'), 'atlas loaded');
			assert.ok((await rig.client.credentialTypes()).has('atlasApi'), 'atlasApi loaded');
			assert.doesNotMatch(
				rig.n8n!.readLog(),
				/n8n-nodes-atlas[^\n]*(error|fail)|Cannot find module 'zod'/i,
			);
		});

		step(
			'the credential test in n8n says whether the api-key works, never showing it',
			async () => {
				const test = async (key: string, baseUrl = rig.emu.baseUrl) =>
					await rig.client.rest<{ status: string; message: string }>('POST', '/credentials/test', {
						credentials: {
							id: rig.credential.id,
							name: rig.credential.name,
							type: 'atlasApi',
							data: { apiKey: key, baseUrl },
						},
					});
				const ok = await test(rig.emu.apiKey);
				assert.equal(ok.status, 'OK', JSON.stringify(ok));
				const wrongKey = `wrong-${randomBytes(12).toString('base64url')}`;
				const wrong = await test(wrongKey);
				assert.equal(wrong.status, 'Error');
				assert.match(
					wrong.message,
					/^The API key was rejected by Atlas\./,
					"our words on both lines, not n8n's generic text",
				);
				assert.ok(!wrong.message.includes(wrongKey) && !wrong.message.includes(rig.emu.apiKey));
				const badBase = await test(rig.emu.apiKey, `${rig.emu.origin}/nope`);
				assert.equal(badBase.status, 'Error');
				assert.match(badBase.message, /Check the Base URL/);
			},
		);

		step(
			'activation subscribes exactly 3 events x all campaigns at the production URL',
			async () => {
				const before = mark(rig.emu);
				workflow = await rig.client.createWorkflow(
					mainWorkflow(rig.credential, `atlas e2e ${line}`),
				);
				counter = new ExecutionCounter(rig.client, workflow.id);
				await rig.client.activate(workflow.id);
				assert.equal((await rig.client.getWorkflow(workflow.id)).active, true);
				prodUrl = triggerUrl(rig.n8n!.baseUrl, workflow);

				const subs = await waitFor(
					() => (rig.emu.subscriptions().length >= 3 ? rig.emu.subscriptions() : undefined),
					{ what: '3 subscriptions' },
				);
				secrets.addTokensOf(rig.emu);
				const token = tokenOf(subs[0].hookUrl);
				const nonce = new URL(subs[0].hookUrl).searchParams.get('n');
				assert.match(token, /^[A-Za-z0-9_-]{32}$/, 'a 192-bit base64url token');
				assert.match(
					String(nonce),
					/^[0-9a-z]+\.[A-Za-z0-9_-]{24}$/,
					"the activation's nonce: its time, 144 random bits",
				);
				assert.ok(
					subs.every((s) => tokenOf(s.hookUrl) === token),
					'one token for all subscriptions of the activation',
				);
				assert.deepEqual(
					rows(subs),
					rows(
						EVENTS.map((e) => ({
							triggerName: e,
							campaignId: '*',
							provider: 'custom',
							hookUrl: `${prodUrl}?event=${e}&n=${nonce}&token=${token}`,
						})),
					),
				);
				const calls = requestsSince(rig.emu, before);
				assert.deepEqual(
					calls.map((r) => `${r.method} ${r.route} ${r.status} ${r.apiKeyValid}`),
					[
						...Array(3).fill('POST POST /events-gateway/trigger/subscribe 201 true'),
						// then what Atlas holds at this address, to remove what earlier activations left
						'GET GET /events-gateway/trigger/list 200 true',
					],
					'exactly 3 subscribe calls and one list, with the api-key, nothing else',
				);
				subsAtActivation = subs.map((s) => ({ ...s }));
				await waitForWebhook(prodUrl);
			},
		);

		step(
			'a single event of each type starts one execution with normalized fields and the Atlas node output',
			async () => {
				const before = mark(rig.emu);
				const completed = await rig.emu.fire('call_completed', { campaignId: 'cmp_sales' });
				const startedCall = await rig.emu.fire('call_started', { campaignId: 'cmp_support' });
				const message = await rig.emu.fire('message_received', { campaignId: 'cmp_chat' });
				for (const fired of [completed, startedCall, message]) {
					assert.deepEqual(reports(fired), [
						{
							status: 200,
							report: { received: 1, accepted: 1, duplicates: 0, ignored: 0, invalid: 0 },
						},
					]);
				}
				const executions = await counter.expectNew(3);
				const byEvent = new Map<string, Execution>(
					executions.map((e) => [nodeItems(e, TRIGGER)[0].event as string, e]),
				);
				assert.deepEqual([...byEvent.keys()].sort(), [
					'call_completed',
					'call_started',
					'message_received',
				]);
				for (const e of executions) {
					assert.equal(e.status, 'success');
					assert.equal(e.mode, 'webhook');
				}

				// call_completed: every normalized field, the original fields kept
				const ev = completed.events[0] as Obj;
				delivered.push({ event: 'call_completed', body: ev });
				const exec = byEvent.get('call_completed')!;
				const [item] = nodeItems(exec, TRIGGER);
				assert.equal(nodeItems(exec, TRIGGER).length, 1);
				assert.deepEqual(
					{
						event: item.event,
						campaignId: item.campaignId,
						callId: item.callId,
						customerPhoneNumber: item.customerPhoneNumber,
						customerName: item.customerName,
						direction: item.direction,
						time: item.time,
						startedAt: item.startedAt,
						endedAt: item.endedAt,
						summary: item.summary,
						transcript: item.transcript,
						recordingUrl: item.recordingUrl,
						status: item.status,
						endedReason: item.endedReason,
						durationSeconds: item.durationSeconds,
						successResult: item.successResult,
					},
					{
						event: 'call_completed',
						campaignId: 'cmp_sales',
						callId: ev.callId,
						customerPhoneNumber: ev.customerPhoneNumber,
						customerName: ev.customerName,
						direction: ev.direction,
						time: ev.endedAt,
						startedAt: ev.startedAt,
						endedAt: ev.endedAt,
						summary: ev.summary,
						transcript: ev.transcript,
						recordingUrl: ev.recordingUrl,
						status: 'completed',
						endedReason: ev.endedReason,
						durationSeconds: ev.durationSeconds,
						successResult: ev.successResult,
					},
				);
				assert.ok(
					ev.summary.length > 20 &&
						ev.transcript.includes('\n') &&
						ev.recordingUrl.startsWith(rig.emu.origin),
					'realistic content',
				);
				// the conversation: our fields first, each message's own fields kept
				assert.deepEqual(
					item.messages,
					ev.messages.map((m: Obj) => ({ role: m.role, message: m.message, time: m.time, ...m })),
				);
				assert.equal(item.customerPhoneNumber, ev.customerPhoneNumber);
				assert.equal(item.error, undefined);
				assert.deepEqual(pickKeys(nodeItems(exec, ATLAS)[0], ['campaignId', 'name']), {
					campaignId: 'cmp_sales',
					name: CAMPAIGN_NAMES.cmp_sales,
				});
				assert.deepEqual(nodeItems(exec, SET), [
					{
						event: 'call_completed',
						ref: ev.callId,
						campaignName: CAMPAIGN_NAMES.cmp_sales,
						atlasError: '',
					},
				]);

				// call_started
				const sev = startedCall.events[0] as Obj;
				const sexec = byEvent.get('call_started')!;
				const sitem = nodeItems(sexec, TRIGGER)[0];
				assert.deepEqual(
					pickKeys(sitem, [
						'event',
						'campaignId',
						'callId',
						'customerPhoneNumber',
						'customerName',
						'direction',
						'time',
						'startedAt',
					]),
					{
						event: 'call_started',
						campaignId: 'cmp_support',
						callId: sev.callId,
						customerPhoneNumber: sev.customerPhoneNumber,
						customerName: sev.customerName,
						direction: 'inbound',
						time: sev.startedAt,
						startedAt: sev.startedAt,
					},
				);
				assert.equal(sitem.summary, undefined, 'call_started has no call result fields');
				assert.deepEqual(nodeItems(sexec, SET), [
					{
						event: 'call_started',
						ref: sev.callId,
						campaignName: CAMPAIGN_NAMES.cmp_support,
						atlasError: '',
					},
				]);

				// message_received
				const mev = message.events[0] as Obj;
				delivered.push({ event: 'message_received', body: mev });
				const mexec = byEvent.get('message_received')!;
				assert.deepEqual(
					pickKeys(nodeItems(mexec, TRIGGER)[0], [
						'event',
						'campaignId',
						'contact',
						'customerName',
						'time',
						'role',
						'message',
						'messageId',
						'channel',
					]),
					{
						event: 'message_received',
						campaignId: 'cmp_chat',
						contact: mev.customerNumber,
						customerName: mev.customerName,
						time: mev.receivedAt,
						role: 'user',
						message: mev.message,
						messageId: mev.messageId,
						channel: 'sms',
					},
				);
				assert.deepEqual(nodeItems(mexec, SET), [
					{
						event: 'message_received',
						ref: mev.messageId,
						campaignName: CAMPAIGN_NAMES.cmp_chat,
						atlasError: '',
					},
				]);

				// the Atlas node really asked the emulator, with the api-key, once per item
				const reads = requestsSince(rig.emu, before)
					.map((r) => `${r.method} ${r.path} ${r.status} ${r.apiKeyValid}`)
					.sort();
				assert.deepEqual(reads, [
					'GET /v1/api/campaign/cmp_chat 200 true',
					'GET /v1/api/campaign/cmp_sales 200 true',
					'GET /v1/api/campaign/cmp_support 200 true',
				]);
			},
		);

		step('a batch of 5 events is one execution with 5 items, in order', async () => {
			const before = mark(rig.emu);
			const fired = await rig.emu.fire('call_completed', {
				campaignId: 'cmp_support',
				count: 5,
				batch: 5,
			});
			assert.deepEqual(reports(fired), [
				{
					status: 200,
					report: { received: 5, accepted: 5, duplicates: 0, ignored: 0, invalid: 0 },
				},
			]);
			const [exec] = await counter.expectNew(1);
			assert.equal(exec.status, 'success');
			const ids = (fired.events as Obj[]).map((e) => e.callId);
			assert.equal(new Set(ids).size, 5);
			assert.deepEqual(
				nodeItems(exec, TRIGGER).map((i) => i.callId),
				ids,
			);
			assert.deepEqual(
				nodeItems(exec, TRIGGER).map((i) => i.summary),
				(fired.events as Obj[]).map((e) => e.summary),
			);
			assert.deepEqual(
				nodeItems(exec, ATLAS).map((i) => i.name),
				Array(5).fill(CAMPAIGN_NAMES.cmp_support),
			);
			assert.deepEqual(
				nodeItems(exec, SET).map((i) => i.ref),
				ids,
			);
			assert.equal(
				requestsSince(rig.emu, before, { path: '/v1/api/campaign/cmp_support' }).filter(
					(r) => r.apiKeyValid && r.status === 200,
				).length,
				5,
			);
		});

		step('the same delivery twice starts exactly one execution', async () => {
			const fired = await rig.emu.fire('call_started', {
				campaignId: 'cmp_sales',
				duplicate: true,
			});
			assert.deepEqual(reports(fired), [
				{
					status: 200,
					report: { received: 1, accepted: 1, duplicates: 0, ignored: 0, invalid: 0 },
				},
				{
					status: 200,
					report: { received: 1, accepted: 0, duplicates: 1, ignored: 0, invalid: 0 },
				},
			]);
			const [exec] = await counter.expectNew(1);
			assert.deepEqual(
				nodeItems(exec, TRIGGER).map((i) => i.callId),
				[(fired.events[0] as Obj).callId],
			);
			delivered.push({ event: 'call_started', body: fired.events[0] as Obj });
		});

		step('a wrong or missing token gets 401 and starts nothing', async () => {
			const before = mark(rig.emu);
			const wrong = await rig.emu.fire('call_completed', { tokenOverride: true });
			assert.deepEqual(
				reports(wrong).map((r) => r.status),
				[401],
			);
			const missing = await fetch(`${prodUrl}?event=call_completed`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(wrong.events),
			});
			assert.equal(missing.status, 401);
			await counter.expectNone();
			assert.equal(requestsSince(rig.emu, before).length, 0, 'nothing called Atlas');
		});

		step(
			'a body that is not JSON starts nothing: 400 from the trigger, 422 from n8n for broken application/json',
			async () => {
				// the trigger's own answer: bodies n8n hands over unparsed or parsed to a non-array
				const cases: Array<[rawBody: string, contentType: string]> = [
					['', 'application/json'],
					['"a string"', 'application/json'],
					['not json at all', 'text/plain'],
					['{"callId": "broken', 'text/plain'],
				];
				for (const [rawBody, contentType] of cases) {
					const fired = await rig.emu.fire('call_completed', { rawBody, contentType });
					assert.deepEqual(
						reports(fired).map((r) => r.status),
						[400],
						`${contentType} body ${JSON.stringify(rawBody)}`,
					);
					assert.match(
						fired.deliveries[0].responseBody ?? '',
						/must be a JSON array of Atlas events/,
					);
				}
				// broken JSON sent as application/json (what Atlas sends) never reaches the node: n8n's
				// own body parser answers 422 before webhook() runs (both lines, webhook-helpers parseRequestBody)
				const broken = await rig.emu.fire('call_completed', { rawBody: '{"callId": "broken' });
				assert.deepEqual(
					reports(broken).map((r) => r.status),
					[422],
				);
				assert.match(broken.deliveries[0].responseBody ?? '', /Failed to parse request body/);
				await counter.expectNone();
			},
		);

		step(
			'a mixed delivery: valid events go through, invalid ones become items with `error`',
			async () => {
				const stamp = `${line}_${Date.now()}`;
				const valid1 = callStartedEvent(`call_mixed_a_${stamp}`);
				const valid2 = callStartedEvent(`call_mixed_b_${stamp}`);
				const noIdentity = { campaignId: 'cmp_support', note: 'no call id' };
				const fired = await rig.emu.fire('call_started', {
					events: [valid1, 42, noIdentity, valid2],
					batch: 4,
				});
				assert.deepEqual(reports(fired), [
					{
						status: 200,
						report: { received: 4, accepted: 2, duplicates: 0, ignored: 0, invalid: 2 },
					},
				]);
				const [exec] = await counter.expectNew(1);
				assert.equal(exec.status, 'success');
				const items = nodeItems(exec, TRIGGER);
				assert.equal(items.length, 4);
				assert.deepEqual(pickKeys(items[0], ['event', 'callId', 'error']), {
					event: 'call_started',
					callId: valid1.callId,
					error: undefined,
				});
				assert.deepEqual(items[1], {
					event: 'call_started',
					error: 'Not an event object (got a number)',
					value: 42,
				});
				assert.deepEqual(items[2], {
					...noIdentity,
					event: 'call_started',
					error: 'The call event has no call ID (callId)',
				});
				assert.deepEqual(pickKeys(items[3], ['event', 'callId', 'error']), {
					event: 'call_started',
					callId: valid2.callId,
					error: undefined,
				});
				const set = nodeItems(exec, SET);
				assert.deepEqual(
					set.map((i) => [i.ref, i.campaignName]),
					[
						[valid1.callId, CAMPAIGN_NAMES.cmp_support],
						['', ''],
						['', CAMPAIGN_NAMES.cmp_support],
						[valid2.callId, CAMPAIGN_NAMES.cmp_support],
					],
				);
				assert.match(
					set[1].atlasError,
					/No campaign selected/,
					'the item without a campaign fails alone in the Atlas node',
				);
				assert.match(rig.n8n!.readLog(), /2 of 4 event\(s\) in a delivery could not be read/);
			},
		);

		step(
			'20 concurrent deliveries of 10 events, each twice at once: exactly 10 executions',
			async () => {
				const stamp = `${line}_${Date.now()}`;
				const events = Array.from({ length: 10 }, (_, i) =>
					callStartedEvent(`call_burst_${stamp}_${i}`, i % 2 ? 'cmp_sales' : 'cmp_support'),
				);
				const bodies = [...events, ...events].sort(() => Math.random() - 0.5);
				const fired = await rig.emu.fire('call_started', {
					events: bodies,
					batch: 1,
					concurrency: 20,
				});
				const answers = reports(fired);
				assert.equal(answers.length, 20);
				assert.ok(
					answers.every((a) => a.status === 200),
					`all answered 200: ${answers.map((a) => a.status).join(',')}`,
				);
				assert.equal(
					answers.reduce((n, a) => n + (a.report?.accepted ?? 0), 0),
					10,
					'accepted',
				);
				assert.equal(
					answers.reduce((n, a) => n + (a.report?.duplicates ?? 0), 0),
					10,
					'duplicates',
				);
				const executions = await counter.expectNew(10, { timeout: 60_000 });
				assert.deepEqual(
					executions.map((e) => nodeItems(e, TRIGGER)[0].callId).sort(),
					events.map((e) => e.callId).sort(),
				);
				assert.ok(executions.every((e) => e.status === 'success'));
				for (const body of events) delivered.push({ event: 'call_started', body });

				// all 10 are still known in this process
				const again = await rig.emu.fire('call_started', { events, batch: 1, concurrency: 10 });
				assert.ok(
					reports(again).every(
						(a) => a.status === 200 && a.report?.duplicates === 1 && a.report?.accepted === 0,
					),
				);
				await counter.expectNone();
			},
		);

		step(
			'after a restart: same subscriptions, nothing re-subscribed, every event still known as delivered',
			async () => {
				const before = mark(rig.emu);
				await rig.n8n!.restart();
				console.log(`# n8n ${rig.n8n!.version}: restart ${rig.n8n!.bootMs} ms`);
				await rig.client.ensureLoggedIn();
				assert.equal((await rig.client.getWorkflow(workflow.id)).active, true);
				if (line === 2) await rig.client.waitForPublication(workflow.id, 'published', 60_000);
				await waitForWebhook(prodUrl);

				// checkExists answered true: no subscribe, no unsubscribe, the very same subscriptions
				assert.deepEqual(
					requestsSince(rig.emu, before).map((r) => `${r.method} ${r.path}`),
					[],
					'no Atlas call at boot',
				);
				assert.deepEqual(
					rig.emu
						.subscriptions()
						.map((s) => `${s.id} ${rows([s])[0]}`)
						.sort(),
					subsAtActivation.map((s) => `${s.id} ${rows([s])[0]}`).sort(),
				);
				assert.ok(
					rig.emu
						.subscriptions()
						.every((s) => subsAtActivation.some((a) => a.id === s.id && a.hookUrl === s.hookUrl)),
					'same tokens',
				);

				// the de-duplication record came back from the database (this process has no memory of it)
				const groups = new Map<string, Obj[]>();
				for (const d of delivered) groups.set(d.event, [...(groups.get(d.event) ?? []), d.body]);
				let total = 0;
				for (const [event, bodies] of groups) {
					const fired = await rig.emu.fire(event, { events: bodies, batch: 1, concurrency: 5 });
					total += bodies.length;
					const answers = reports(fired);
					assert.ok(
						answers.every(
							(a) => a.status === 200 && a.report?.duplicates === 1 && a.report?.accepted === 0,
						),
						`${event}: every re-delivery dropped as a duplicate: ${JSON.stringify(answers)}`,
					);
				}
				assert.equal(total, 13);
				await counter.expectNone();

				// and a new event still goes through
				const fresh = await rig.emu.fire('call_completed', { campaignId: 'cmp_sales' });
				assert.deepEqual(
					reports(fresh).map((r) => r.report?.accepted),
					[1],
				);
				const [exec] = await counter.expectNew(1);
				assert.equal(nodeItems(exec, TRIGGER)[0].callId, (fresh.events[0] as Obj).callId);
			},
		);

		step(
			'manual run of Atlas operations: Campaign Get Many, Call Get Many, Chat Get Sessions, Webhook List',
			async () => {
				const before = mark(rig.emu);
				const ops = await rig.client.createWorkflow(
					operationsWorkflow(rig.credential, `atlas e2e ops ${line}`),
				);
				const id = await rig.client.runManually(ops.id, MANUAL);
				const exec = await finishedExecution(rig.client, id);
				assert.equal(exec.status, 'success', JSON.stringify(exec.data?.resultData?.error ?? null));
				assert.equal(exec.mode, 'manual');

				assert.deepEqual(
					nodeItems(exec, OPS.campaigns).map((c) => [c.campaignId, c.name]),
					rig.emu.campaigns.map((c) => [c.id, c.name]),
				);
				const supportCalls = rig.emu.calls
					.filter((c) => c.campaignId === 'cmp_support')
					.sort((a, b) => b.startedAt.localeCompare(a.startedAt))
					.slice(0, 3);
				assert.equal(supportCalls.length, 3);
				const calls = nodeItems(exec, OPS.calls);
				assert.deepEqual(
					calls.map((c) => [c.callId, c.campaignId, c.summary]),
					supportCalls.map((c) => [c.id, c.campaignId, c.summary]),
				);
				assert.ok(
					calls.every((c) => Array.isArray(c.messages) && typeof c.transcript === 'string'),
				);
				assert.deepEqual(
					nodeItems(exec, OPS.sessions).map((s) => [
						s.sessionId,
						s.campaignId,
						s.contact,
						s.customerName,
					]),
					rig.emu.chatSessions
						.filter((s) => s.campaignId === 'cmp_chat')
						.map((s) => [s.id, 'cmp_chat', s.contactIdentification, s.contactName]),
				);
				assert.deepEqual(
					rows(nodeItems(exec, OPS.webhooks) as Subscription[]),
					rows(subsAtActivation),
				);

				const reads = requestsSince(rig.emu, before);
				assert.ok(
					reads.length >= 4 && reads.every((r) => r.apiKeyValid && r.status === 200),
					'every call with the api-key, all 200',
				);
				assert.deepEqual([...new Set(reads.map((r) => `${r.method} ${r.route}`))].sort(), [
					'GET GET /call',
					'GET GET /campaign',
					'GET GET /campaign-chat/:campaignId',
					'GET GET /events-gateway/trigger/list',
				]);
				assert.equal(reads.find((r) => r.route === 'GET /call')?.query.campaignId, 'cmp_support');
				await rig.client.deleteWorkflow(ops.id);
			},
		);

		step('deactivation removes every subscription at Atlas', async () => {
			const before = mark(rig.emu);
			await rig.client.deactivate(workflow.id);
			assert.equal((await rig.client.getWorkflow(workflow.id)).active, false);
			await waitFor(() => rig.emu.subscriptions().length === 0, {
				what: 'every subscription to be removed',
			});
			// it also asks Atlas what is subscribed at the trigger's address (one list, for "*")
			const calls = requestsSince(rig.emu, before).filter((r) => r.method === 'DELETE');
			assert.deepEqual(
				requestsSince(rig.emu, before).map(
					(r) => `${r.method} ${r.route} ${r.status} ${r.apiKeyValid}`,
				),
				[
					'GET GET /events-gateway/trigger/list 200 true',
					...Array(3).fill('DELETE DELETE /events-gateway/trigger/unsubscribe 200 true'),
				],
			);
			assert.deepEqual(
				rows(calls.map((r) => r.body as Subscription)),
				rows(subsAtActivation),
				'the same four values as subscribed',
			);
			await waitFor(
				async () => (await fetch(prodUrl, { method: 'POST', body: '[]' })).status === 404,
				{ what: 'the production webhook to be gone' },
			);
		});

		step(
			'"Listen for test event" subscribes the test URL, delivers to a manual execution, then unsubscribes',
			async () => {
				const before = mark(rig.emu);
				const listen = await rig.client.createWorkflow(
					listenWorkflow(rig.credential, `atlas e2e listen ${line}`),
				);
				const webhookId = listen.nodes[0].webhookId!;
				const testUrl = `${rig.n8n!.baseUrl}/webhook-test/${webhookId}/atlas`;
				const answer = await rig.client.rest('POST', `/workflows/${listen.id}/run`, {
					workflowData: listen,
					triggerToStartFrom: { name: TRIGGER },
				});
				assert.deepEqual(answer, { waitingForWebhook: true });

				const [sub] = await waitFor(
					() => (rig.emu.subscriptions().length > 0 ? rig.emu.subscriptions() : undefined),
					{ what: 'the test subscription' },
				);
				secrets.addTokensOf(rig.emu);
				assert.equal(rig.emu.subscriptions().length, 1);
				const token = tokenOf(sub.hookUrl);
				const nonce = new URL(sub.hookUrl).searchParams.get('n');
				assert.match(token, /^[A-Za-z0-9_-]{32}$/);
				assert.deepEqual(
					rows([sub]),
					rows([
						{
							triggerName: 'call_completed',
							campaignId: '*',
							provider: 'custom',
							hookUrl: `${testUrl}?event=call_completed&n=${nonce}&token=${token}`,
						},
					]),
				);

				const fired = await rig.emu.fire('call_completed', { campaignId: 'cmp_sales' });
				assert.deepEqual(reports(fired), [
					{
						status: 200,
						report: { received: 1, accepted: 1, duplicates: 0, ignored: 0, invalid: 0 },
					},
				]);
				const [exec] = await rig.client.waitForExecutions(listen.id, 1, 30_000);
				assert.equal(exec.mode, 'manual');
				assert.equal(exec.status, 'success');
				const items = nodeItems(await rig.client.execution(exec.id), TRIGGER);
				assert.deepEqual(
					items.map((i) => [i.event, i.callId, i.summary]),
					[['call_completed', (fired.events[0] as Obj).callId, (fired.events[0] as Obj).summary]],
				);

				await waitFor(() => rig.emu.subscriptions().length === 0, {
					what: 'the test subscription to be removed',
				});
				assert.deepEqual(
					requestsSince(rig.emu, before)
						// activation and deactivation also ask what Atlas holds at the test address
						.filter((r) => r.route !== 'GET /events-gateway/trigger/list')
						.map((r) => `${r.method} ${r.route} ${r.status}`),
					[
						'POST POST /events-gateway/trigger/subscribe 201',
						'DELETE DELETE /events-gateway/trigger/unsubscribe 200',
					],
				);
				await rig.client.deleteWorkflow(listen.id);
			},
		);

		step('n8n never logged the api-key or a token', async () => {
			assert.equal(secrets.leakedIn(rig.n8n!.readLog()), false);
		});
	},
);

function pickKeys(obj: Obj, keys: string[]): Obj {
	return Object.fromEntries(keys.map((k) => [k, obj[k]]));
}
