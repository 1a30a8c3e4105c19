// Smoke test of the e2e harness against real n8n, per line (env N8N_LINES=1,2; default both,
// booted in parallel): Webhook -> Set, activate, call, execution via the public API, restart,
// still active and working, deactivate. When the package is built (dist/), it is installed into
// the nodes folder the way n8n installs community packages and its types must be loaded.
//   node --import tsx --test test/e2e/smoke.e2e.test.ts
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
	type N8nClient,
	type N8nInstance,
	type Workflow,
	isBuilt,
	packOnce,
	selectedLines,
	startN8nWithOwner,
	waitFor,
} from '../rig';

const BUILT = isBuilt();
let tarball: string | undefined;

const smokeWorkflow = {
	name: 'e2e smoke',
	nodes: [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			parameters: { httpMethod: 'POST', path: 'smoke', responseMode: 'onReceived', options: {} },
		},
		{
			name: 'Set',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [220, 0],
			parameters: {
				mode: 'manual',
				assignments: {
					assignments: [
						{ id: 'a1', name: 'greeting', type: 'string', value: '={{ $json.body.greeting }}' },
						{ id: 'a2', name: 'seen', type: 'boolean', value: true },
					],
				},
				options: {},
			},
		},
	],
	connections: { Webhook: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
};

async function postJson(url: string, body: unknown): Promise<Response> {
	return await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
}

/** What the Set node put out in an execution. */
function setOutput(execution: { data?: any }): Record<string, unknown> | undefined {
	return execution.data?.resultData?.runData?.Set?.[0]?.data?.main?.[0]?.[0]?.json;
}

describe('e2e smoke', { concurrency: true }, () => {
	before(() => {
		if (BUILT) tarball = packOnce(); // the caller runs `npm run build`; we only pack what is there
	});

	for (const line of selectedLines()) {
		describe(`n8n ${line}.x`, { concurrency: false }, () => {
			let n8n: N8nInstance;
			let client: N8nClient;
			let workflow: Workflow;
			let url: string;

			before(async () => {
				({ n8n, client } = await startN8nWithOwner({ line, packageTarball: tarball }));
				console.log(`# n8n ${n8n.version}: first boot ${n8n.bootMs} ms (${n8n.userFolder})`);
			});
			after(async () => {
				await n8n?.stop();
			});

			test('webhook -> set runs once the workflow is active', async () => {
				workflow = await client.createWorkflow(smokeWorkflow);
				await client.activate(workflow.id);
				assert.equal((await client.getWorkflow(workflow.id)).active, true);
				url = client.webhookUrl(workflow, 'Webhook');
				assert.equal(url, `${n8n.baseUrl}/webhook/smoke`); // isFullPath: no webhookId in the URL
				// 2.41 registers the webhook in the background after answering the activation
				const res = await waitFor(
					async () => {
						const r = await postJson(url, { greeting: `hello ${line}` });
						return r.status === 404 ? undefined : r;
					},
					{ what: 'the production webhook' },
				);
				assert.equal(res.status, 200, await res.text());
				const [execution] = await client.waitForExecutions(workflow.id, 1);
				assert.equal(execution.status, 'success');
				assert.equal(execution.mode, 'webhook');
				assert.deepEqual(setOutput(execution), { greeting: `hello ${line}`, seen: true });
				// the node's webhookId is not part of a full-path webhook's URL on either line
				const withId = await postJson(
					`${n8n.baseUrl}/webhook/${workflow.nodes[0].webhookId}/smoke`,
					{},
				);
				assert.equal(withId.status, 404);
			});

			test('the workflow stays active and works after a restart', async () => {
				await n8n.restart();
				console.log(`# n8n ${n8n.version}: restart ${n8n.bootMs} ms`);
				await client.ensureLoggedIn();
				assert.equal((await client.getWorkflow(workflow.id)).active, true);
				const res = await waitFor(
					async () => {
						const r = await postJson(url, { greeting: 'after restart' });
						return r.status === 404 ? undefined : r;
					},
					{ what: 'the webhook after restart' },
				);
				assert.equal(res.status, 200);
				const executions = await client.waitForExecutions(workflow.id, 2);
				assert.ok(executions.some((e) => setOutput(e)?.greeting === 'after restart'));
			});

			test('deactivating unregisters the webhook', async () => {
				await client.deactivate(workflow.id);
				assert.equal((await client.getWorkflow(workflow.id)).active, false);
				await waitFor(async () => (await postJson(url, {})).status === 404, {
					what: 'the webhook to be gone',
				});
				await client.deleteWorkflow(workflow.id);
			});

			test(
				'the Atlas package is loaded from the nodes folder',
				{ skip: !BUILT && 'dist/ not built' },
				async () => {
					const nodes = await client.nodeTypes();
					assert.ok(nodes.has('n8n-nodes-atlas.atlas'), 'atlas node type');
					assert.ok(nodes.has('n8n-nodes-atlas.atlasTrigger'), 'atlasTrigger node type');
					assert.ok((await client.credentialTypes()).has('atlasApi'), 'atlasApi credential');
					assert.doesNotMatch(n8n.readLog(), /Failed to load|n8n-nodes-atlas.*error/i);
				},
			);
		});
	}
});
