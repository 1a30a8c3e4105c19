// End-to-end: the Atlas node's operations that rely on n8n's own state, in real n8n servers (1.123
// on Node 20, 2.41 on Node 24; env N8N_LINES=1,2), against the Atlas emulator. One boot per line.
//   - Call > Get Many Since Last Run: two production runs of an active (Webhook-started)
//     workflow; the second returns only the calls completed since the first (static data saved
//     by n8n after a production execution).
//   - Webhook > Clean Up Orphaned Subscriptions: an active Atlas Trigger workflow, a leftover
//     subscription of a deleted workflow and one with a stale token: the dry run lists exactly
//     those two as orphans, the real run removes only them. The node finds n8n's webhook base
//     URL itself (WEBHOOK_URL, from $execution.resumeUrl).
//   - examples/missed-call-recovery.json imports and runs.
//   npm run build && node --import tsx --test test/e2e/since-last-run-and-orphan-cleanup.e2e.test.ts
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	type Credential,
	type Execution,
	REPO_ROOT,
	Secrets,
	type WorkflowJson,
	describeLines,
	diagnosedStep,
	finishedExecution,
	nodeItems,
	useRig,
	triggerUrl,
	triggerWorkflow,
	waitFor,
	waitForWebhook,
} from '../rig';

const ATLAS = 'Atlas';
const MANUAL = 'Manual Trigger';
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

function manualAtlas(
	credential: Credential,
	name: string,
	parameters: Record<string, unknown>,
): WorkflowJson {
	return {
		name,
		nodes: [
			{
				name: MANUAL,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				name: ATLAS,
				type: 'n8n-nodes-atlas.atlas',
				typeVersion: 1,
				position: [240, 0],
				parameters,
				credentials: { atlasApi: credential },
			},
		],
		connections: { [MANUAL]: { main: [[{ node: ATLAS, type: 'main', index: 0 }]] } },
	};
}

describeLines(
	'Atlas node in real n8n: Get Many Since Last Run, Clean Up Orphaned Subscriptions, the missed-call example',
	(line, tarball) => {
		const secrets = new Secrets();

		const step = diagnosedStep(line, secrets, () => ({ ...rig.started }));

		/** Runs a workflow by hand and answers its (finished) execution. */
		async function runByHand(workflowId: string): Promise<Execution> {
			return await finishedExecution(rig.client, await rig.client.runManually(workflowId, MANUAL), {
				timeout: 60_000,
			});
		}

		const rig = useRig(line, tarball, {
			apiKeyPrefix: 'e2e-',
			credentialName: `Atlas features ${line}`,
			bootLog: 'boot',
			secrets,
			took: 'since-last-run and orphan clean-up suite',
		});

		step(
			'Get Many Since Last Run: the second production run returns only the calls completed since the first',
			async () => {
				const path = `since-${randomUUID()}`;
				const wf = await rig.client.createWorkflow({
					name: `since last run ${line}`,
					nodes: [
						{
							name: 'Webhook',
							type: 'n8n-nodes-base.webhook',
							typeVersion: 2,
							position: [0, 0],
							parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
						},
						{
							name: ATLAS,
							type: 'n8n-nodes-atlas.atlas',
							typeVersion: 1,
							position: [240, 0],
							parameters: {
								resource: 'call',
								operation: 'getManySinceLastRun',
								campaign: rl('*'),
								sinceLastRunOptions: {},
							},
							credentials: { atlasApi: rig.credential },
						},
					],
					connections: { Webhook: { main: [[{ node: ATLAS, type: 'main', index: 0 }]] } },
				});
				// no subscriptions yet: these only become call records (the seed calls are from 2025,
				// outside the 24 h first-run lookback)
				const first = await rig.emu.fire('call_completed', {
					campaignId: 'cmp_sales',
					count: 2,
					persist: true,
				});
				await rig.client.activate(wf.id);
				const url = `${rig.n8n!.baseUrl}/webhook/${path}`;
				const post = async () => {
					const res = await fetch(url, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: '{}',
					});
					await res.text();
					return res.status;
				};
				await waitFor(async () => (await post()) === 200, {
					timeout: 30_000,
					what: 'the Webhook to be served',
				});
				const [run1] = await rig.client.waitForExecutions(wf.id, 1, 30_000);
				assert.equal(run1.status, 'success', JSON.stringify(run1.data?.resultData?.error ?? {}));
				const ids = (e: Execution) =>
					nodeItems(e, ATLAS)
						.map((i) => i.callId)
						.sort();
				const callIds = (fired: { events: unknown[] }) =>
					fired.events.map((e: any) => e.callId ?? e.CallId).sort();
				assert.deepEqual(ids(run1), callIds(first));
				const item = nodeItems(run1, ATLAS)[0];
				for (const field of [
					'event',
					'campaignId',
					'callId',
					'customerPhoneNumber',
					'customerName',
					'time',
					'summary',
					'transcript',
					'recordingUrl',
					'status',
					'endedReason',
					'durationSeconds',
				]) {
					assert.ok(field in item, `item has ${field}`);
				}
				assert.equal(item.event, 'call_completed');

				const second = await rig.emu.fire('call_completed', {
					campaignId: 'cmp_support',
					count: 1,
					persist: true,
				});
				assert.equal(await post(), 200);
				const runs = await rig.client.waitForExecutions(wf.id, 2, 30_000);
				const run2 = runs.sort((a, b) => Number(b.id) - Number(a.id))[0];
				assert.equal(run2.status, 'success');
				assert.deepEqual(ids(run2), callIds(second), 'only the call completed since the first run');

				assert.equal(await post(), 200);
				const run3 = (await rig.client.waitForExecutions(wf.id, 3, 30_000)).sort(
					(a, b) => Number(b.id) - Number(a.id),
				)[0];
				assert.deepEqual(ids(run3), [], 'nothing new');
				await rig.client.deactivate(wf.id);
			},
		);

		const orphanUrls: { owned: string[]; deleted: string; stale: string; elsewhere: string } = {
			owned: [],
			deleted: '',
			stale: '',
			elsewhere: '',
		};

		step(
			"Clean Up Orphaned Subscriptions: the dry run lists exactly the deleted workflow's and the stale-token subscription",
			async () => {
				// the deleted workflow: activated (subscribed), its subscription left behind as after a crash, deleted
				const gone = await rig.client.createWorkflow(
					triggerWorkflow(`deleted ${line}`, rig.credential, {
						events: ['call_completed', 'call_started'],
					}),
				);
				await rig.client.activate(gone.id);
				const goneSubs = await waitFor(
					() => (rig.emu.subscriptions().length >= 2 ? rig.emu.subscriptions() : undefined),
					{ what: 'subscriptions' },
				);
				secrets.addTokensOf(rig.emu);
				const leftover = goneSubs.find((s) => s.triggerName === 'call_completed')!;
				await rig.client.deleteWorkflow(gone.id);
				await waitFor(() => rig.emu.subscriptions().length === 0, {
					what: 'deactivation to unsubscribe',
				});
				const subscribeAtAtlas = async (hookUrl: string, triggerName: string, campaignId = '*') => {
					const res = await fetch(`${rig.emu.baseUrl}/events-gateway/trigger/subscribe`, {
						method: 'POST',
						headers: { 'content-type': 'application/json', 'api-key': rig.emu.apiKey },
						body: JSON.stringify({ hookUrl, campaignId, triggerName, provider: 'custom' }),
					});
					assert.equal(res.status, 201);
				};
				await subscribeAtAtlas(leftover.hookUrl, 'call_completed');
				orphanUrls.deleted = leftover.hookUrl;

				// the active workflow, and a subscription of an earlier activation of it (stale token)
				const active = await rig.client.createWorkflow(
					triggerWorkflow(`active ${line}`, rig.credential, {
						events: ['call_completed', 'call_started'],
					}),
				);
				await rig.client.activate(active.id);
				const prodUrl = triggerUrl(rig.n8n!.baseUrl, active);
				await waitFor(
					() =>
						rig.emu.subscriptions().filter((s) => s.hookUrl.startsWith(prodUrl)).length === 2
							? true
							: undefined,
					{ what: 'active subscriptions' },
				);
				secrets.addTokensOf(rig.emu);
				orphanUrls.owned = rig.emu
					.subscriptions()
					.filter((s) => s.hookUrl.startsWith(prodUrl))
					.map((s) => s.hookUrl)
					.sort();
				await waitForWebhook(prodUrl);
				orphanUrls.stale = `${prodUrl}?event=call_started&token=${randomBytes(24).toString('base64url')}`;
				secrets.add(new URL(orphanUrls.stale).searchParams.get('token'));
				await subscribeAtAtlas(orphanUrls.stale, 'call_started', 'cmp_support');
				orphanUrls.elsewhere = `https://hooks.example.com/atlas/${randomUUID()}?token=not-ours`;
				await subscribeAtAtlas(orphanUrls.elsewhere, 'call_completed');
				const before = rig.emu
					.subscriptions()
					.map((s) => s.hookUrl)
					.sort();
				const executionsBefore = (await rig.client.executions({ workflowId: active.id })).length;

				const dry = await rig.client.createWorkflow(
					manualAtlas(rig.credential, `cleanup dry ${line}`, {
						resource: 'webhook',
						operation: 'cleanUpOrphans',
					}),
				);
				const execution = await runByHand(dry.id);
				assert.equal(
					execution.status,
					'success',
					JSON.stringify(execution.data?.resultData?.error ?? {}),
				);
				const items = nodeItems(execution, ATLAS);
				const redact = (url: string) => url.replace(/([?&]token=)[^&]*/, '$1***');
				const row = (i: Record<string, any>) =>
					`${i.orphan} ${i.triggerName} ${i.campaignId} ${i.hookUrl}`;
				assert.deepEqual(
					items.map(row).sort(),
					[
						...orphanUrls.owned.map(
							(u) => `false ${new URL(u).searchParams.get('event')} * ${redact(u)}`,
						),
						`true call_completed * ${redact(orphanUrls.deleted)}`,
						`true call_started cmp_support ${redact(orphanUrls.stale)}`,
					].sort(),
					"this n8n's subscriptions only (base URL found by the node), exactly two orphans",
				);
				const byUrl = new Map(items.map((i) => [i.hookUrl, i]));
				assert.equal(byUrl.get(redact(orphanUrls.deleted))!.checkStatus, 404);
				assert.equal(byUrl.get(redact(orphanUrls.stale))!.checkStatus, 401);
				assert.ok(items.every((i) => i.dryRun === true));
				assert.ok(!secrets.leakedIn(JSON.stringify(items)), 'no token in the output');
				assert.deepEqual(
					rig.emu
						.subscriptions()
						.map((s) => s.hookUrl)
						.sort(),
					before,
					'the dry run removed nothing',
				);
				// the probes started no execution of the active workflow
				assert.equal(
					(await rig.client.executions({ workflowId: active.id })).length,
					executionsBefore,
				);
			},
		);

		step('Clean Up Orphaned Subscriptions: the real run removes only those two', async () => {
			const real = await rig.client.createWorkflow(
				manualAtlas(rig.credential, `cleanup ${line}`, {
					resource: 'webhook',
					operation: 'cleanUpOrphans',
					dryRun: false,
				}),
			);
			const execution = await runByHand(real.id);
			assert.equal(
				execution.status,
				'success',
				JSON.stringify(execution.data?.resultData?.error ?? {}),
			);
			const items = nodeItems(execution, ATLAS);
			assert.deepEqual(
				items
					.filter((i) => i.removed)
					.map((i) => i.triggerName)
					.sort(),
				['call_completed', 'call_started'],
			);
			assert.deepEqual(
				rig.emu
					.subscriptions()
					.map((s) => s.hookUrl)
					.sort(),
				[...orphanUrls.owned, orphanUrls.elsewhere].sort(),
				"the active workflow's and the foreign subscription stay",
			);
			// the active trigger still receives
			const fired = await rig.emu.fire('call_started', { campaignId: 'cmp_support' });
			assert.deepEqual(
				fired.deliveries.filter((d) => d.url.startsWith(rig.n8n!.baseUrl)).map((d) => d.status),
				[200],
			);
		});

		step(
			'examples/missed-call-recovery.json imports and runs (Schedule -> Since Last Run -> Remove Duplicates)',
			async () => {
				const example = JSON.parse(
					readFileSync(join(REPO_ROOT, 'examples', 'missed-call-recovery.json'), 'utf8'),
				) as WorkflowJson;
				for (const node of example.nodes) {
					if (String(node.type).startsWith('n8n-nodes-atlas.'))
						(node as any).credentials = { atlasApi: rig.credential };
				}
				const wf = await rig.client.createWorkflow(example);
				const fired = await rig.emu.fire('call_completed', {
					campaignId: 'cmp_sales',
					count: 1,
					persist: true,
					hookUrl: 'http://127.0.0.1:9/',
				});
				const id = await rig.client.runManually(wf.id, 'Every 15 Minutes');
				const execution = await finishedExecution(rig.client, id, { timeout: 60_000 });
				assert.equal(
					execution.status,
					'success',
					JSON.stringify(execution.data?.resultData?.error ?? {}),
				);
				const recovered = nodeItems(execution, 'Handle the call').map((i) => i.callId);
				assert.ok(
					recovered.includes((fired.events[0] as any).callId ?? (fired.events[0] as any).CallId),
					'the fired call comes through',
				);
			},
		);
	},
);
