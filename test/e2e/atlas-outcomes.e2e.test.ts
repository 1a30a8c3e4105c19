// End-to-end: what the agent achieved and campaign control in real n8n servers (1.123 on Node 20,
// 2.41 on Node 24; env N8N_LINES=1,2), against the Atlas emulator. One boot per line.
//   - a call_completed whose agent booked the rooftop assessment reaches an active Atlas Trigger
//     workflow (Include Bookings) with the booking in the item;
//   - Booking > Get Many Since Last Run, run twice in production: the second run returns only the
//     booking made since the first, a third nothing;
//   - Campaign > Turn Off then Turn On (Confirm on) sets the campaign off, then on; without
//     Confirm the node fails and sends nothing.
//   npm run build && node --import tsx --test test/e2e/atlas-outcomes.e2e.test.ts
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
	TRIGGER,
	triggerWorkflow,
	useRig,
	waitFor,
} from '../rig';
import { chain, rl, webhookNode } from './workflows';

const newest = (runs: Execution[]) => runs.sort((a, b) => Number(b.id) - Number(a.id))[0];

describeLines('Bookings and campaign control in real n8n', (line, tarball) => {
	const secrets = new Secrets();
	let calls = 0;
	const step = diagnosedStep(line, secrets, () => ({ ...rig.started }));
	const rig = useRig(line, tarball, {
		apiKeyPrefix: 'e2e-',
		credentialName: `Atlas outcomes ${line}`,
		bootLog: 'boot',
		secrets,
		took: 'outcomes suite',
	});

	/** A call_completed whose agent booked "Thursday June 5 at 10am" (the emulator books it). */
	const bookedCall = async (customerName: string) => {
		const callId = `call_e2e_${line}_${++calls}`;
		const now = new Date().toISOString();
		await rig.emu.fire('call_completed', {
			events: [
				{
					callId,
					campaignId: 'cmp_sales',
					customerName,
					customerPhoneNumber: '+14155550177',
					startedAt: now,
					endedAt: now,
					summary: `${customerName} agreed to a free rooftop assessment.`,
					messages: [
						{
							role: 'assistant',
							message: 'You are booked for Thursday June 5 at 10am.',
							time: now,
						},
					],
				},
			],
		});
		return callId;
	};

	/** An active Webhook → Atlas nodes workflow; `post()` runs it once (production). */
	const webhookWorkflow = async (
		name: string,
		atlasNodes: Array<{ name: string; parameters: Record<string, unknown> }>,
	) => {
		const path = `outcomes-${randomUUID()}`;
		const names = ['Webhook', ...atlasNodes.map((n) => n.name)];
		const wf = await rig.client.createWorkflow({
			name: `${name} ${line}`,
			nodes: [
				webhookNode(path),
				...atlasNodes.map((n, i) => ({
					type: 'n8n-nodes-atlas.atlas',
					typeVersion: 2,
					position: [240 * (i + 1), 0] as [number, number],
					credentials: { atlasApi: rig.credential },
					...n,
				})),
			],
			connections: chain(names),
		});
		await rig.client.activate(wf.id);
		const url = `${rig.n8n.baseUrl}/webhook/${path}`;
		let runs = 0;
		const post = async (): Promise<Execution> => {
			const send = async () => {
				const res = await fetch(url, {
					method: 'POST',
					body: '{}',
					headers: { 'content-type': 'application/json' },
				});
				await res.text();
				return res.status;
			};
			if (runs === 0)
				await waitFor(async () => (await send()) === 200, { timeout: 30_000, what: 'the Webhook' });
			else assert.equal(await send(), 200);
			runs++;
			return await rig.client.execution(
				newest(await rig.client.waitForExecutions(wf.id, runs, 30_000)).id,
			);
		};
		return { id: wf.id, post };
	};

	step(
		'a call_completed with a booking reaches the Atlas Trigger (Include Bookings) with the booking',
		async () => {
			const listener = await rig.client.createWorkflow(
				triggerWorkflow(`bookings ${line}`, rig.credential, { options: { includeBookings: true } }),
			);
			await rig.client.activate(listener.id);
			await waitFor(() => (rig.emu.subscriptions().length === 1 ? true : undefined), {
				what: 'the call_completed subscription',
			});
			secrets.addTokensOf(rig.emu);
			const callId = await bookedCall('Maria Gonzalez');
			const [run] = await rig.client.waitForExecutions(listener.id, 1, 30_000);
			const execution = await rig.client.execution(run.id);
			assert.equal(execution.status, 'success');
			const [event] = nodeItems(execution, TRIGGER);
			assert.equal(event.callId, callId);
			assert.equal(event.bookingsError, undefined);
			assert.equal(event.bookings.length, 1);
			const [booking] = event.bookings;
			assert.equal(booking.callId, callId);
			assert.equal(booking.campaignId, 'cmp_sales');
			assert.equal(booking.customerName, 'Maria Gonzalez');
			assert.equal(booking.title, 'Free rooftop assessment');
			assert.match(booking.startAt, /-06-05T17:00:00\.000Z$/);
			assert.equal(booking.bookingId, rig.emu.bookings.at(-1)!.id);
			await rig.client.deactivate(listener.id);
		},
	);

	step(
		'Booking > Get Many Since Last Run, run twice: the second run returns only the new booking',
		async () => {
			const wf = await webhookWorkflow('bookings since last run', [
				{
					name: 'Atlas',
					parameters: {
						resource: 'booking',
						operation: 'getManySinceLastRun',
						campaign: rl('*'),
						bookingsSinceOptions: {},
					},
				},
			]);
			const ids = (e: Execution) => nodeItems(e, 'Atlas').map((i) => i.callId);
			const run1 = await wf.post();
			assert.equal(run1.status, 'success', JSON.stringify(run1.data?.resultData?.error ?? {}));
			// the first step's booking is from now; the seed bookings (2025) are outside the lookback
			assert.deepEqual(ids(run1), [`call_e2e_${line}_1`]);
			const newCall = await bookedCall('Nora Quinn');
			const run2 = await wf.post();
			assert.equal(run2.status, 'success');
			assert.deepEqual(ids(run2), [newCall], 'only the booking made since the first run');
			assert.equal(nodeItems(run2, 'Atlas')[0].customerName, 'Nora Quinn');
			const run3 = await wf.post();
			assert.equal(
				run3.data?.resultData?.runData?.Atlas?.[0]?.data?.main?.[0]?.length ?? 0,
				0,
				'nothing new',
			);
			await rig.client.deactivate(wf.id);
		},
	);

	step(
		'Campaign > Turn Off then Turn On (Confirm on); without Confirm nothing is sent',
		async () => {
			const control = (name: string, operation: string, confirm: boolean) => ({
				name,
				parameters: {
					resource: 'campaign',
					operation,
					campaign: rl('cmp_sales'),
					confirmed: confirm,
				},
			});
			const since = mark(rig.emu);
			const wf = await webhookWorkflow('turn off then on', [
				control('Turn Off', 'turnOff', true),
				control('Turn On', 'turnOn', true),
			]);
			const run = await wf.post();
			assert.equal(run.status, 'success', JSON.stringify(run.data?.resultData?.error ?? {}));
			const [off] = nodeItems(run, 'Turn Off');
			const [on] = nodeItems(run, 'Turn On');
			assert.deepEqual([off.campaignId, off.enabled], ['cmp_sales', false]);
			assert.deepEqual([on.campaignId, on.enabled], ['cmp_sales', true]);
			assert.deepEqual(
				requestsSince(rig.emu, since, { method: 'PUT' }).map((r) => [r.path, r.body, r.status]),
				[
					['/v1/api/campaign/cmp_sales/status', { enabled: false }, 200],
					['/v1/api/campaign/cmp_sales/status', { enabled: true }, 200],
				],
			);
			assert.equal(rig.emu.campaigns.find((c) => c.id === 'cmp_sales')?.status, 'active');
			await rig.client.deactivate(wf.id);

			const refused = await webhookWorkflow('turn off unconfirmed', [
				control('Turn Off', 'turnOff', false),
			]);
			const before = mark(rig.emu);
			const failed = await refused.post();
			assert.equal(failed.status, 'error');
			assert.match(
				JSON.stringify(failed.data?.resultData?.error ?? {}),
				/not allowed to turn the campaign off/,
			);
			assert.equal(requestsSince(rig.emu, before, { method: 'PUT' }).length, 0);
			assert.equal(rig.emu.campaigns.find((c) => c.id === 'cmp_sales')?.status, 'active');
			await rig.client.deactivate(refused.id);
		},
	);
});
