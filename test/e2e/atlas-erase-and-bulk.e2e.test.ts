// End-to-end: deleting and bulk scheduling in real n8n servers (1.123 on Node 20, 2.41 on Node
// 24; env N8N_LINES=1,2), against the Atlas emulator. One boot per line.
//   - Contact > Erase removes exactly one number's call records (in two campaigns, one written
//     with spaces) and nobody else's, though the emulator's phone filter is loose; the contact's
//     chat session is reported as not erasable; without the builder's permission it refuses;
//     Call > Delete of a call already gone says so;
//   - 500 leads → Call > Schedule against an emulator that drops bursts of schedule requests
//     (some after scheduling, some before): 500 scheduled, none twice; progress in n8n's log.
//   npm run build && N8N_LINES=1 node --import tsx --test test/e2e/atlas-erase-and-bulk.e2e.test.ts
import assert from 'node:assert/strict';
import {
	type Credential,
	type Execution,
	Secrets,
	type WorkflowJson,
	describeLines,
	diagnosedStep,
	finishedExecution,
	nodeItems,
	useRig,
	waitFor,
} from '../rig';
import { ATLAS, MANUAL, chain, manualTriggerNode, rl } from './workflows';

const LEADS = 500;

/** Manual Trigger → (nodes in between) → the Atlas node with `parameters`. */
function manualWorkflow(
	credential: Credential,
	name: string,
	parameters: Record<string, unknown>,
	between: Array<Record<string, unknown> & { name: string }> = [],
): WorkflowJson {
	const nodes = [
		manualTriggerNode(),
		...between,
		{
			name: ATLAS,
			type: 'n8n-nodes-atlas.atlas',
			typeVersion: 2,
			position: [720, 0],
			parameters,
			credentials: { atlasApi: credential },
		},
	];
	return {
		name,
		nodes: nodes as WorkflowJson['nodes'],
		connections: chain(nodes.map((n) => n.name)),
	};
}

/** A Set node making one array of LEADS numbers, and a Split Out node making an item of each. */
const leadNodes = [
	{
		name: 'Leads',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [240, 0],
		parameters: {
			mode: 'manual',
			assignments: {
				assignments: [
					{
						id: 'l1',
						name: 'phone',
						type: 'array',
						value: `={{ Array.from({ length: ${LEADS} }, (_, i) => '+1415558' + String(i).padStart(4, '0')) }}`,
					},
				],
			},
			options: {},
		},
	},
	{
		name: 'One Lead Per Item',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [480, 0],
		parameters: { fieldToSplitOut: 'phone', options: {} },
	},
];

describeLines('Erase a Contact and a 500-lead schedule in real n8n', (line, tarball) => {
	const secrets = new Secrets();
	const step = diagnosedStep(line, secrets, () => ({ ...rig.started }));
	const rig = useRig(line, tarball, {
		apiKeyPrefix: 'e2e-',
		credentialName: `Atlas erase ${line}`,
		bootLog: 'boot',
		secrets,
		took: 'erase and bulk suite',
		onStart: ({ emu }) => emu.configure({ callDelayMs: 600_000 }),
	});

	/** A manual run, once finished with the Atlas node's data (1.123 may say "success" first). */
	async function settled(workflowId: string, timeout: number): Promise<Execution> {
		const id = await rig.client.runManually(workflowId, MANUAL);
		await finishedExecution(rig.client, id, { timeout });
		return await waitFor(
			async () => {
				const execution = await rig.client.execution(id, true);
				return execution.data?.resultData?.runData?.[ATLAS] ? execution : undefined;
			},
			{ timeout: 30_000, what: `the data of execution ${id}` },
		);
	}

	async function runByHand(workflow: WorkflowJson, timeout = 60_000) {
		const wf = await rig.client.createWorkflow(workflow);
		const execution = await settled(wf.id, timeout);
		assert.equal(
			execution.status,
			'success',
			JSON.stringify(execution.data?.resultData?.error ?? {}),
		);
		return nodeItems(execution, ATLAS);
	}

	step("Contact > Erase removes exactly that number's records and nobody else's", async () => {
		const base = rig.emu.calls[0];
		const add = (id: string, campaignId: string, customerPhoneNumber: string) =>
			rig.emu.calls.push({ ...base, id, campaignId, customerPhoneNumber });
		add('call_t1', 'cmp_sales', '+16175550201');
		add('call_t2', 'cmp_support', '+1 (617) 555-0201');
		add('call_o1', 'cmp_sales', '+4416175550201');
		add('call_o2', 'cmp_sales', '+16175550202');
		rig.emu.erase({ phoneMatch: 'loose' });
		const before = rig.emu.calls.map((c) => c.id);

		const [item] = await runByHand(
			manualWorkflow(rig.credential, `erase ${line}`, {
				resource: 'contact',
				operation: 'erase',
				customerPhoneNumber: '617-555-0201',
				confirmed: true,
			}),
		);
		assert.equal(item.erasedCount, 2);
		assert.equal(item.complete, true);
		assert.deepEqual(
			rig.emu.calls.map((c) => c.id),
			before.filter((id) => id !== 'call_t1' && id !== 'call_t2'),
		);
		assert.deepEqual(
			rig.emu.requests({ method: 'DELETE' }).map((r) => r.path),
			['/v1/api/call/call_t1', '/v1/api/call/call_t2'],
		);
		assert.equal(item.chatSessions.length, 1, 'the chat session Atlas cannot erase is reported');
	});

	step(
		'not allowed by the builder: refuses and deletes nothing; Call > Delete of a gone call says so',
		async () => {
			const wf = await rig.client.createWorkflow(
				manualWorkflow(rig.credential, `erase refused ${line}`, {
					resource: 'contact',
					operation: 'erase',
					customerPhoneNumber: '+1 415 555 0101',
				}),
			);
			const refused = await finishedExecution(
				rig.client,
				await rig.client.runManually(wf.id, MANUAL),
				{
					timeout: 60_000,
				},
			);
			assert.equal(refused.status, 'error');
			assert.match(
				JSON.stringify(refused.data?.resultData?.error ?? {}),
				/not allowed to erase a contact's call records/,
			);
			assert.equal(
				rig.emu.requests({ method: 'DELETE' }).length,
				2,
				'only the two of the erase above',
			);

			const [gone] = await runByHand(
				manualWorkflow(rig.credential, `delete ${line}`, {
					resource: 'call',
					operation: 'delete',
					callId: 'call_t1',
					confirmed: true,
				}),
			);
			assert.equal(gone.deleted, false);
			assert.equal(gone.alreadyGone, true);
		},
	);

	step(
		`${LEADS} leads against bursts Atlas drops: ${LEADS} scheduled, none twice, progress logged`,
		async () => {
			rig.emu.reset();
			rig.emu.configure({ callDelayMs: 600_000 });
			rig.emu.burst({ limit: 10, windowMs: 1_000, processedShare: 0.5 });
			const t0 = Date.now();
			const items = await runByHand(
				manualWorkflow(
					rig.credential,
					`bulk ${line}`,
					{
						resource: 'call',
						operation: 'schedule',
						campaign: rl('cmp_sales'),
						customerPhoneNumber: '={{ $json.phone }}',
						customerName: 'Lead',
						scheduleOptions: { maxCalls: LEADS, delayMs: 20 },
					},
					leadNodes,
				),
				240_000,
			);
			const burst = rig.emu.burst();
			console.log(
				`# n8n ${line}.x: ${LEADS} leads in ${Math.round((Date.now() - t0) / 1000)} s, burst ${JSON.stringify(burst)}`,
			);
			assert.equal(items.length, LEADS);
			assert.ok(items.every((i) => i.skipped === false));
			assert.ok(burst.droppedAfterScheduling > 0 && burst.droppedBeforeScheduling > 0);
			const numbers = rig.emu.schedules.map((s) => s.customerPhoneNumber);
			assert.equal(numbers.length, LEADS, 'none lost, none twice');
			assert.equal(new Set(numbers).size, LEADS);
			assert.equal(items.filter((i) => i.recovered).length, burst.droppedAfterScheduling);
			assert.match(
				rig.n8n.readLog(),
				new RegExp(`Atlas Call > Schedule: ${LEADS} of ${LEADS} items done, ${LEADS} call`),
			);
		},
	);
});
