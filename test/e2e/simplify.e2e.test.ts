// End-to-end: Simplify in real n8n servers (1.123 on Node 20, 2.41 on Node 24; env
// N8N_LINES=1,2), against the Atlas emulator (PascalCase answers, as Atlas's live API). One boot
// per line.
//   - one run of Campaign > Get Many at typeVersion 2 (Simplify on, then off) and at
//     typeVersion 1: ours only / Atlas's records as they came / ours then Atlas's;
//   - an active Atlas Trigger at typeVersion 2 emits a delivered call_completed with our fields only.
//   npm run build && node --import tsx --test test/e2e/simplify.e2e.test.ts
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
	Secrets,
	describeLines,
	diagnosedStep,
	nodeItems,
	TRIGGER,
	triggerNode,
	useRig,
	waitFor,
} from '../rig';
import { webhookNode } from './workflows';

const upperKeys = (record: Record<string, unknown>) =>
	Object.keys(record).filter((key) => /^[A-Z]/.test(key));

describeLines('Simplify in real n8n', (line, tarball) => {
	const secrets = new Secrets();
	const step = diagnosedStep(line, secrets, () => ({ ...rig.started }));
	const rig = useRig(line, tarball, {
		apiKeyPrefix: 'e2e-',
		credentialName: `Atlas simplify ${line}`,
		bootLog: 'boot',
		secrets,
		onStart: ({ emu }) => emu.configure({ casing: 'pascal' }),
	});

	step('Campaign > Get Many: Simplify on, off, and typeVersion 1', async () => {
		const path = `simplify-${randomUUID()}`;
		const atlas = (name: string, typeVersion: number, simplify?: boolean) => ({
			name,
			type: 'n8n-nodes-atlas.atlas',
			typeVersion,
			position: [240, 0] as [number, number],
			parameters: {
				resource: 'campaign',
				operation: 'getAll',
				returnAll: true,
				...(simplify === undefined ? {} : { simplify }),
			},
			credentials: { atlasApi: rig.credential },
		});
		const names = ['Simplified', 'As sent', 'Version 1'];
		const wf = await rig.client.createWorkflow({
			name: `e2e simplify ${line}`,
			nodes: [webhookNode(path), atlas(names[0], 2), atlas(names[1], 2, false), atlas(names[2], 1)],
			connections: {
				Webhook: { main: [names.map((node) => ({ node, type: 'main', index: 0 }))] },
			},
		});
		await rig.client.activate(wf.id);
		const url = `${rig.n8n.baseUrl}/webhook/${path}`;
		await waitFor(async () => (await fetch(url, { method: 'POST' })).status === 200, {
			timeout: 30_000,
			what: 'the Webhook to be served',
		});
		const [run] = await rig.client.waitForExecutions(wf.id, 1, 30_000);
		const execution = await rig.client.execution(run.id);
		assert.equal(execution.status, 'success', JSON.stringify(execution.data?.resultData?.error));
		const [simplified, asSent, v1] = names.map((name) => nodeItems(execution, name));
		assert.equal(simplified.length, 3);
		for (const item of simplified)
			assert.deepEqual(Object.keys(item).sort(), ['campaignId', 'name']);
		for (const item of asSent) {
			assert.equal(item.campaignId, undefined);
			assert.ok(item.RowKey && item.BusinessName, JSON.stringify(item));
		}
		for (const item of v1) {
			assert.deepEqual(Object.keys(item).slice(0, 2), ['campaignId', 'name']);
			assert.ok(item.RowKey, JSON.stringify(item));
		}
		await rig.client.deactivate(wf.id);
	});

	step('an Atlas Trigger at typeVersion 2 emits our fields only', async () => {
		const node = { ...triggerNode(rig.credential), typeVersion: 2, webhookId: randomUUID() };
		const wf = await rig.client.createWorkflow({
			name: `e2e simplify trigger ${line}`,
			nodes: [node],
			connections: {},
		});
		await rig.client.activate(wf.id);
		await waitFor(
			async () => {
				const fired = await rig.emu.fire('call_completed', { campaignId: 'cmp_sales', count: 1 });
				return fired.deliveries.some((d) => d.status !== null && d.status < 300);
			},
			{ timeout: 30_000, interval: 500, what: 'a delivery to be accepted' },
		);
		const [run] = await rig.client.waitForExecutions(wf.id, 1, 30_000);
		const [event] = nodeItems(await rig.client.execution(run.id), TRIGGER);
		assert.equal(event.event, 'call_completed');
		assert.ok(event.callId);
		assert.deepEqual(upperKeys(event), []);
		await rig.client.deactivate(wf.id);
	});
});
