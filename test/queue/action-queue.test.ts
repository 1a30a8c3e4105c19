// Atlas Action Trigger in n8n queue mode: PostgreSQL + Redis, one main process, one `n8n webhook`
// process (WEBHOOK_URL points at it) and one `n8n worker`. The agent calls the webhook process;
// the workflow runs on the worker; the answer comes back through the webhook process, in each
// respond mode that waits (last node, Answer the Agent), and the fallback answer is given by the
// webhook process while the worker is still busy. One pinned line: 2.41.1 on Node 24 by default
// (env N8N_QUEUE_LINE=1 for 1.123.50 on Node 20).
//   npm run build && bash scripts/queue-services.sh install && \
//     node --import tsx --test --test-concurrency=1 --test-timeout=900000 test/queue/action-queue.test.ts
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe } from 'node:test';
import {
	type Line,
	N8N_VERSIONS,
	N8nClient,
	type Workflow,
	type WorkflowJson,
	waitFor,
} from '../rig';
import { type QueueProcess, clusterStep, useCluster } from './cluster';

type Obj = Record<string, any>;
const LINE: Line = process.env.N8N_QUEUE_LINE === '1' ? 1 : 2;
const ACTION = 'Atlas Action Trigger';
const HEADER = 'X-Atlas-Secret';
const SECRET = `queue-${randomBytes(18).toString('base64url')}`;

function workflowJson(name: string, credential: Obj, trigger: Obj, chain: Obj[]): WorkflowJson {
	const nodes: Obj[] = [
		{
			name: ACTION,
			type: 'n8n-nodes-atlas.atlasActionTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: trigger,
			credentials: { atlasActionApi: credential },
		},
		...chain.map((n, i) => ({ position: [240 * (i + 1), 0], ...n })),
	];
	const connections: Obj = {};
	for (let i = 0; i + 1 < nodes.length; i++)
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return { name, nodes: nodes as WorkflowJson['nodes'], connections, pinData: {} };
}
const set = {
	name: 'Set',
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	parameters: {
		mode: 'manual',
		assignments: {
			assignments: [
				{ id: 'q1', name: 'date', type: 'string', value: '={{ $json.date }}' },
				{ id: 'q2', name: 'ranOn', type: 'string', value: 'worker' },
			],
		},
		includeOtherFields: false,
		options: {},
	},
};
const wait = (seconds: number) => ({
	name: 'Wait',
	type: 'n8n-nodes-base.wait',
	typeVersion: 1.1,
	parameters: { resume: 'timeInterval', amount: seconds, unit: 'seconds' },
});

describe(
	`Atlas Action Trigger in n8n ${N8N_VERSIONS[LINE]} queue mode`,
	{ concurrency: false },
	() => {
		let webhook: QueueProcess;
		let client: N8nClient;
		let credential: Obj;
		const cluster = useCluster({
			line: LINE,
			name: 'action-queue',
			webhooks: 1,
			workers: 1,
			// the agent calls the webhook process at its own address (n8n uses WEBHOOK_URL to show URLs)
			env: (): Record<string, string> =>
				LINE === 2 ? { N8N_EXPRESSION_ENGINE_POOL_SIZE: '8' } : {},
		});
		const step = clusterStep(cluster, (text) => text.replaceAll(SECRET, '***'));

		async function agent(url: string, date: string) {
			const started = performance.now();
			const res = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', [HEADER]: SECRET },
				body: JSON.stringify({
					callId: `call_${date}`,
					campaignId: 'cmp_sales',
					customerPhoneNumber: '+14155550123',
					customerName: 'Dana',
					parameters: { date },
				}),
			});
			return {
				status: res.status,
				type: res.headers.get('content-type') ?? '',
				body: (await res.json()) as Obj,
				ms: performance.now() - started,
			};
		}

		async function deploy(
			name: string,
			trigger: Obj,
			chain: Obj[],
		): Promise<{ workflow: Workflow; url: string }> {
			const workflow = await client.createWorkflow(workflowJson(name, credential, trigger, chain));
			await client.activate(workflow.id);
			const url = `${webhook.baseUrl}/webhook/${workflow.nodes[0].webhookId}/action`;
			// served by the webhook process once it knows the workflow: 401 without the secret
			await waitFor(
				async () =>
					(
						await fetch(url, {
							method: 'POST',
							body: '{}',
							headers: { 'content-type': 'application/json' },
						})
					).status === 401,
				{
					timeout: 60_000,
					interval: 500,
					what: `${url} to be served by the webhook process`,
				},
			);
			return { workflow, url };
		}

		before(async () => {
			({ client } = cluster);
			webhook = cluster.webhooks[0];
			await client.createApiKey();
			credential = await client.createCredential('Atlas Action queue', 'atlasActionApi', {
				headerName: HEADER,
				secret: SECRET,
			});
		});

		step(
			'When Last Node Finishes: the worker runs the workflow, the webhook process answers the agent',
			async () => {
				const { workflow, url } = await deploy(
					'queue lastNode',
					{ respond: 'lastNode', options: { fallbackAfterSeconds: 0 } },
					[set],
				);
				const answer = await agent(url, '2026-12-07');
				assert.equal(answer.status, 200);
				assert.match(answer.type, /^application\/json/);
				assert.deepEqual(answer.body, { date: '2026-12-07', ranOn: 'worker' });
				const [exec] = await client.waitForExecutions(workflow.id, 1, 30_000);
				assert.equal(exec.status, 'success');
				console.log(`# queue ${LINE}.x lastNode answered in ${answer.ms.toFixed(0)} ms`);
			},
		);

		step(
			"Using 'Answer the Agent' Node: the worker's answer reaches the agent before the workflow ends",
			async () => {
				const answerNode = {
					name: 'Answer the Agent',
					type: 'n8n-nodes-atlas.atlas',
					typeVersion: 1,
					parameters: {
						resource: 'action',
						operation: 'answer',
						answerWith: 'json',
						answerJson: '={{ JSON.stringify({ booked: true, date: $json.date }) }}',
					},
				};
				const { url } = await deploy(
					'queue responseNode',
					{ respond: 'responseNode', options: {} },
					[answerNode, wait(2), set],
				);
				const answer = await agent(url, '2026-12-08');
				assert.equal(answer.status, 200);
				assert.deepEqual(answer.body, { booked: true, date: '2026-12-08' });
				assert.ok(answer.ms < 1_900, `before the 2 s Wait (${answer.ms.toFixed(0)} ms)`);
			},
		);

		step(
			'a slow workflow on the worker: the webhook process gives the Fallback Answer in time',
			async () => {
				const { url } = await deploy(
					'queue fallback',
					{
						respond: 'lastNode',
						options: { fallbackAfterSeconds: 1, fallbackAnswer: '{"pending": true}' },
					},
					[wait(3), set],
				);
				const answer = await agent(url, '2026-12-09');
				assert.equal(answer.status, 200);
				assert.deepEqual(answer.body, { pending: true });
				assert.ok(answer.ms < 2_500, `after about 1 s (${answer.ms.toFixed(0)} ms)`);
			},
		);
	},
);
