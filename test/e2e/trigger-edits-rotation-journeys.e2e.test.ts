// The Atlas Trigger through what users do to an active workflow, in real n8n (1.123 on Node 20,
// 2.41 on Node 24; env N8N_LINES) against the emulator: an edit while a slow delivery runs, a
// delivery while activation is still subscribing, renaming the trigger, changing events and
// campaigns, duplicating and deleting the workflow, rotating the api-key, an event with a field
// nested 200 levels deep, and a burst of 200 deliveries at 20 in flight with 10 % duplicates.
// After each: exactly the subscriptions the workflow needs are at Atlas, and every event ran.
//   npm run test:e2e   (builds first)
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Emulator, Subscription } from '../emulator';
import {
	ExecutionCounter,
	Secrets,
	TRIGGER,
	type Workflow,
	type WorkflowJson,
	describeLines,
	diagnosedStep,
	nodeItems,
	reports,
	useRig,
	triggerNode,
	waitFor,
} from '../rig';

type Obj = Record<string, any>;

const nonceOf = (sub: Subscription) => new URL(sub.hookUrl).searchParams.get('n');
const pathOf = (sub: Subscription) => new URL(sub.hookUrl).pathname;
const held = (emu: Emulator, workflow: Workflow) =>
	emu
		.subscriptions()
		.filter((s) =>
			pathOf(s).includes(
				String(workflow.nodes.find((n) => n.type.endsWith('atlasTrigger'))?.webhookId),
			),
		);
const rows = (subs: Subscription[]) => subs.map((s) => `${s.triggerName} ${s.campaignId}`).sort();

describeLines(
	'Atlas Trigger in real n8n: edits, rotation and odd payloads lose nothing',
	(line, tarball) => {
		const secrets = new Secrets();
		let workflow: Workflow;
		let counter: ExecutionCounter;
		const step = diagnosedStep(line, secrets, () => ({ ...rig.started, counter }));

		const rig = useRig(line, tarball, {
			apiKeyPrefix: 'ed-',
			credentialName: `Atlas edits ${line}`,
			bootLog: 'first boot',
			secrets,
		});

		/** Waits until Atlas holds exactly `want` (event campaign) for the workflow, of one activation. */
		async function expectHeld(wf: Workflow, want: string[], what: string): Promise<Subscription[]> {
			const subs = await waitFor(
				() => {
					const now = held(rig.emu, wf);
					return rows(now).join('|') === [...want].sort().join('|') &&
						new Set(now.map(nonceOf)).size === 1
						? now
						: undefined;
				},
				{
					timeout: 30_000,
					what: `${what}: Atlas holds ${want.join(', ')} (has ${rows(held(rig.emu, wf)).join(', ')})`,
				},
			);
			secrets.addTokensOf(rig.emu);
			return subs;
		}

		step(
			'an edit while a slow delivery runs: deliveries to the new subscriptions run, deactivation leaves nothing',
			async () => {
				const json: WorkflowJson = {
					name: `edit under traffic ${line}`,
					nodes: [
						triggerNode(rig.credential, { events: ['call_started'] }),
						{
							name: 'Slow',
							type: 'n8n-nodes-base.wait',
							typeVersion: 1.1,
							position: [220, 0],
							parameters: { amount: 4, unit: 'seconds' },
							webhookId: randomBytes(8).toString('hex'),
						},
					],
					connections: { [TRIGGER]: { main: [[{ node: 'Slow', type: 'main', index: 0 }]] } },
				};
				workflow = await rig.client.createWorkflow(json);
				counter = new ExecutionCounter(rig.client, workflow.id);
				await rig.client.activate(workflow.id);
				const first = await expectHeld(workflow, ['call_started *'], 'activated');
				// a delivery whose execution is still running (the Wait node) when the user saves an edit
				const slow = await rig.emu.fire('call_started', { campaignId: 'cmp_sales' });
				assert.equal(reports(slow)[0].status, 200);
				const edited = workflow.nodes.map((n) =>
					n.name === TRIGGER
						? {
								...n,
								parameters: {
									...(n.parameters as Obj),
									events: ['call_started', 'call_completed'],
								},
							}
						: n,
				);
				await rig.client.saveWorkflow(workflow.id, {
					nodes: edited,
					connections: workflow.connections,
				});
				const second = await expectHeld(
					workflow,
					['call_started *', 'call_completed *'],
					'after the edit',
				);
				assert.notEqual(nonceOf(second[0]), nonceOf(first[0]), 'a new activation');
				// the slow execution ends now, and n8n writes back the static data it read before the edit
				await counter.expectNew(1, {
					what: 'the slow delivery',
					timeout: 30_000,
					includeData: false,
				});
				const after = await rig.emu.fire('call_completed', { campaignId: 'cmp_sales', count: 2 });
				const started = await rig.emu.fire('call_started', { campaignId: 'cmp_support' });
				assert.deepEqual(
					[...reports(after), ...reports(started)].map((r) => [r.status, r.report?.accepted]),
					[
						[200, 1],
						[200, 1],
						[200, 1],
					],
				);
				await counter.expectNew(3, {
					what: 'deliveries to the new subscriptions',
					timeout: 30_000,
					includeData: false,
				});
				await rig.client.deactivate(workflow.id);
				await waitFor(() => held(rig.emu, workflow).length === 0, {
					timeout: 30_000,
					what: 'nothing left at Atlas',
				});
			},
		);

		step(
			'a delivery to a subscription made moments ago, while activation still makes the others, runs',
			async () => {
				const events = ['call_started', 'call_completed', 'message_received', 'message_sent'];
				const campaigns = ['cmp_sales', 'cmp_support', 'cmp_chat'];
				workflow = await rig.client.createWorkflow({
					name: `busy activation ${line}`,
					nodes: [
						triggerNode(rig.credential, {
							events,
							campaignScope: 'selected',
							campaignIds: campaigns,
						}),
					],
					connections: {},
				});
				counter = new ExecutionCounter(rig.client, workflow.id);
				rig.emu.setLatency(500, '/events-gateway/trigger/subscribe');
				try {
					const activation = rig.client.activate(workflow.id, { timeout: 60_000 });
					const firstSub = await waitFor(
						() => held(rig.emu, workflow).find((s) => s.triggerName === 'call_started'),
						{ timeout: 30_000, interval: 20, what: 'a first subscription' },
					);
					const during = await rig.emu.fire('call_started', {
						campaignId: firstSub.campaignId,
						hookUrl: firstSub.hookUrl,
					});
					const madeThen = held(rig.emu, workflow).length;
					await activation;
					assert.ok(
						madeThen < events.length * campaigns.length,
						`delivered while activation was still subscribing (${madeThen} of 12 made)`,
					);
					assert.deepEqual(
						reports(during).map((r) => [r.status, r.report?.accepted]),
						[[200, 1]],
					);
				} finally {
					rig.emu.setLatency(0, '/events-gateway/trigger/subscribe');
				}
				await counter.expectNew(1, { what: 'the early delivery', includeData: false });
				await expectHeld(
					workflow,
					events.flatMap((e) => campaigns.map((c) => `${e} ${c}`)),
					'activated',
				);
			},
		);

		step(
			'renaming the trigger and changing events and campaigns while active: exactly the new subscriptions, events run',
			async () => {
				const renamed = workflow.nodes.map((n) =>
					n.name === TRIGGER
						? {
								...n,
								name: 'Calls from Atlas',
								parameters: {
									...(n.parameters as Obj),
									events: ['call_completed'],
									campaignIds: ['cmp_sales'],
								},
							}
						: n,
				);
				await rig.client.saveWorkflow(workflow.id, { nodes: renamed, connections: {} });
				workflow = await rig.client.getWorkflow(workflow.id);
				await expectHeld(workflow, ['call_completed cmp_sales'], 'after rename and edit');
				const fired = await rig.emu.fire('call_completed', { campaignId: 'cmp_sales' });
				assert.equal(reports(fired)[0].report?.accepted, 1);
				const [exec] = await counter.expectNew(1, { what: 'after the rename' });
				assert.equal(
					nodeItems(exec, 'Calls from Atlas')[0].callId,
					(fired.events[0] as Obj).callId,
				);
				const all = workflow.nodes.map((n) =>
					n.name === 'Calls from Atlas'
						? { ...n, parameters: { ...(n.parameters as Obj), campaignScope: 'all' } }
						: n,
				);
				await rig.client.saveWorkflow(workflow.id, { nodes: all, connections: {} });
				workflow = await rig.client.getWorkflow(workflow.id);
				await expectHeld(workflow, ['call_completed *'], 'campaigns changed to all');
			},
		);

		step(
			'duplicating the workflow, then deleting the active original: the copy keeps its own subscriptions',
			async () => {
				// the editor's Duplicate: the same nodes, webhook ids made anew
				const copy = await rig.client.createWorkflow({
					name: `${workflow.name} (copy)`,
					nodes: workflow.nodes.map(({ webhookId: _w, id: _i, ...n }) => n),
					connections: {},
				});
				const copyCounter = new ExecutionCounter(rig.client, copy.id);
				await rig.client.activate(copy.id);
				await expectHeld(copy, ['call_completed *'], 'the copy');
				await expectHeld(workflow, ['call_completed *'], 'the original, untouched');
				const fired = await rig.emu.fire('call_completed', { campaignId: 'cmp_support' });
				assert.deepEqual(
					reports(fired).map((r) => r.status),
					[200, 200],
					'delivered to both',
				);
				await counter.expectNew(1, { includeData: false, what: 'original' });
				await copyCounter.expectNew(1, { includeData: false, what: 'copy' });
				await rig.client.deleteWorkflow(workflow.id);
				await waitFor(() => held(rig.emu, workflow).length === 0, {
					timeout: 30_000,
					what: "the deleted workflow's subscriptions gone",
				});
				await expectHeld(copy, ['call_completed *'], 'the copy after the delete');
				workflow = copy;
				counter = copyCounter;
			},
		);

		step(
			'rotating the api-key while active, deactivating and re-activating: exactly the new subscriptions',
			async () => {
				const before = held(rig.emu, workflow);
				const newKey = `ed-rotated-${randomBytes(12).toString('base64url')}`;
				secrets.add(newKey);
				rig.emu.setApiKeys([newKey]);
				await rig.client.updateCredential(rig.credential.id, rig.credential.name, 'atlasApi', {
					apiKey: newKey,
					baseUrl: rig.emu.baseUrl,
				});
				await rig.client.deactivate(workflow.id);
				await waitFor(() => held(rig.emu, workflow).length === 0, {
					timeout: 30_000,
					what: 'deactivation with the new key removed what the old one made',
				});
				await rig.client.activate(workflow.id);
				const now = await expectHeld(
					workflow,
					['call_completed *'],
					're-activated with the new key',
				);
				assert.ok(!now.some((s) => before.some((b) => b.hookUrl === s.hookUrl)));
				const fired = await rig.emu.fire('call_completed', { campaignId: 'cmp_sales' });
				assert.equal(reports(fired)[0].report?.accepted, 1);
				await counter.expectNew(1, { includeData: false, what: 'after the rotation' });
			},
		);

		step('an event with a field nested 200 levels deep is delivered once', async () => {
			const callId = `call_deep_${randomBytes(4).toString('hex')}`;
			let analysis: Obj = { leaf: 'deep' };
			for (let i = 0; i < 200; i++) analysis = { a: analysis };
			const event = { callId, campaignId: 'cmp_sales', summary: 'nested', analysis };
			const fired = await rig.emu.fire('call_completed', {
				events: [event],
				campaignId: 'cmp_sales',
			});
			assert.deepEqual(
				reports(fired).map((r) => [r.status, r.report?.accepted]),
				[[200, 1]],
			);
			const again = await rig.emu.fire('call_completed', {
				events: [event],
				campaignId: 'cmp_sales',
			});
			assert.equal(reports(again)[0].report?.duplicates, 1);
			const [exec] = await counter.expectNew(1, { what: 'the nested event' });
			const item = nodeItems(
				exec,
				workflow.nodes.find((n) => n.type.endsWith('atlasTrigger'))!.name,
			)[0];
			assert.equal(item.callId, callId);
			assert.match(String(item.depthNote), /analysis/);
		});

		step(
			'a burst of 200 deliveries, 20 in flight, 10 % duplicates: exactly the 180 distinct events run',
			async () => {
				const distinct = Array.from({ length: 180 }, (_, i) => ({
					callId: `call_burst_${line}_${i}`,
					campaignId: 'cmp_sales',
					endedAt: new Date().toISOString(),
				}));
				const fired = await rig.emu.fire('call_completed', {
					events: [...distinct, ...distinct.slice(0, 20)],
					batch: 1,
					concurrency: 20,
					campaignId: 'cmp_sales',
				});
				assert.equal(fired.deliveries.length, 200);
				assert.ok(fired.deliveries.every((d) => d.status === 200));
				await counter.expectNew(180, { timeout: 120_000, includeData: false, what: 'the burst' });
				await rig.client.deactivate(workflow.id);
				await waitFor(() => held(rig.emu, workflow).length === 0, {
					timeout: 30_000,
					what: 'nothing left at Atlas',
				});
			},
		);
	},
);
