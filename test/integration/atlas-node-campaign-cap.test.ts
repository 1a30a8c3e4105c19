// Campaign > Turn On / Turn Off / Update Agent / Delete: Max Campaigns Per Execution (actions/
// campaign/cap.ts) and "never the same change twice in one execution". Through n8n's real engine
// against the emulator: what each item answers, and which requests reached Atlas.
// The harness must be imported before anything that loads n8n-core.
import { registerCredentialTypes, runExecute } from '../helpers/engine';

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { AtlasApi } from '../../credentials/AtlasApi.credentials';
// '.js': tsx would otherwise resolve '*.node' to the codex files
import { Atlas } from '../../nodes/Atlas/Atlas.node.js';
import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';
import type { Campaign } from '../emulator/types';

const API_KEY = 'cap-KEY-77c1';
let emu: Emulator;
const fromItem = { __rl: true, mode: 'id', value: '={{ $json.campaignId }}' };

interface RunOptions {
	continueOnFail?: boolean;
	executionId?: string;
}

/** One run of the node, an item per campaign ID; the items' output (or the error thrown). */
async function run(parameters: INodeParameters, ids: string[], options: RunOptions = {}) {
	const items: INodeExecutionData[] = ids.map((campaignId) => ({ json: { campaignId } }));
	const out = await runExecute(new Atlas(), {
		parameters: { resource: 'campaign', campaign: fromItem, confirmed: true, ...parameters },
		credentials: { atlasApi: { apiKey: API_KEY, baseUrl: emu.baseUrl } },
		continueOnFail: options.continueOnFail,
		items,
		...(options.executionId ? { additionalData: { executionId: options.executionId } } : {}),
	});
	return out[0].map((item) => item.json);
}

async function fails(parameters: INodeParameters, ids: string[], options: RunOptions = {}) {
	let caught: unknown;
	await run(parameters, ids, options).then(
		() => assert.fail('expected the node to fail'),
		(error: unknown) => (caught = error),
	);
	const e = caught as { message: string; description?: string };
	return `${e.message}\n${e.description ?? ''}`;
}

const STATUS = 'PUT /campaign/:campaignId/status';
const statusPuts = () => emu.requests({ method: 'PUT', route: STATUS });
const agentPuts = () => emu.requests({ method: 'PUT', route: 'PUT /campaign/:campaignId' });
const deletes = () => emu.requests({ method: 'DELETE' });
const status = (id: string) => emu.campaigns.find((c) => c.id === id)?.status;

/** Adds campaigns cmp_bulk_0 .. cmp_bulk_{n-1} (active) to the emulator; answers their IDs. */
function addCampaigns(n: number): string[] {
	const seed = emu.campaigns[0];
	return Array.from({ length: n }, (_, i) => {
		const id = `cmp_bulk_${i}`;
		emu.campaigns.push({ ...(seed as Campaign), id, name: `Bulk ${i}`, status: 'active' });
		return id;
	});
}

before(async () => {
	registerCredentialTypes(new AtlasApi());
	emu = await startEmulator({ apiKey: API_KEY, callDelayMs: 60_000 });
});
after(async () => await emu.close());
beforeEach(() => emu.reset());

describe('Campaign control: the same change once per execution', () => {
	it('50 items naming the same campaign turn it off with one request; the others say alreadyDone', async () => {
		const out = await run({ operation: 'turnOff' }, Array(50).fill('cmp_sales'));
		assert.equal(out.length, 50, 'every item answers');
		assert.equal(statusPuts().length, 1, 'one PUT, not 50');
		assert.equal(status('cmp_sales'), 'paused');
		assert.equal(out[0].alreadyDone, false);
		assert.equal(out[0].enabled, false);
		for (const item of out.slice(1)) {
			assert.equal(item.alreadyDone, true);
			assert.equal(item.campaignId, 'cmp_sales');
			assert.equal(item.enabled, false);
			assert.match(String(item.reason), /Item 1 of this execution already did this/);
			assert.match(String(item.reason), /turn campaign "cmp_sales" off/);
		}
	});

	it('off, then on, then off again in one execution: each real change is sent', async () => {
		const same = { executionId: 'exec-toggle-1' };
		const done = [];
		for (const operation of ['turnOff', 'turnOn', 'turnOn', 'turnOff']) {
			const [item] = await run({ operation }, ['cmp_sales'], same);
			done.push(item.alreadyDone);
		}
		assert.deepEqual(done, [false, false, true, false]);
		assert.deepEqual(
			statusPuts().map((r) => r.body),
			[{ enabled: false }, { enabled: true }, { enabled: false }],
		);
		assert.equal(status('cmp_sales'), 'paused');
	});

	it("an AI agent's concurrent tool calls for the same campaign: one request, the other waits and says alreadyDone", async () => {
		emu.setLatency(150, '/campaign/:campaignId/status', 'PUT');
		const same = { executionId: 'exec-parallel-1' };
		const both = await Promise.all([
			run({ operation: 'turnOff' }, ['cmp_sales'], same),
			run({ operation: 'turnOff' }, ['cmp_sales'], same),
		]);
		assert.equal(statusPuts().length, 1);
		assert.deepEqual(both.map(([item]) => item.alreadyDone).sort(), [false, true]);
		emu.setLatency(0, '/campaign/:campaignId/status', 'PUT');
	});

	it('a failed request is not remembered as done: the next item sends it again', async () => {
		emu.setFault({ path: '/campaign/:campaignId/status', type: '403', count: 1 });
		const out = await run({ operation: 'turnOff' }, ['cmp_sales', 'cmp_sales'], {
			continueOnFail: true,
		});
		assert.match(String(out[0].error), /may not turn this campaign off/);
		assert.equal(out[1].alreadyDone, false);
		assert.equal(statusPuts().length, 2);
		assert.equal(status('cmp_sales'), 'paused');
	});

	it('Update Agent: the same settings once; other settings for the same campaign are sent', async () => {
		const out = await runExecute(new Atlas(), {
			parameters: {
				resource: 'campaign',
				operation: 'updateAgent',
				campaign: fromItem,
				confirmed: true,
				agentSettings: { speed: '={{ $json.speed }}' },
			},
			credentials: { atlasApi: { apiKey: API_KEY, baseUrl: emu.baseUrl } },
			items: [1.1, 1.1, 1.2].map((speed) => ({ json: { speed, campaignId: 'cmp_sales' } })),
		});
		assert.deepEqual(
			out[0].map((item) => item.json.alreadyDone),
			[false, true, false],
		);
		assert.deepEqual(
			agentPuts().map((r) => r.body),
			[{ Speed: 1.1 }, { Speed: 1.2 }],
		);
	});

	it('Delete: the same campaign named twice is deleted once (no "not found" for the second)', async () => {
		const out = await run({ operation: 'delete' }, ['cmp_sales', 'cmp_sales']);
		assert.equal(deletes().length, 1);
		assert.equal(out[0].deleted, true);
		assert.equal(out[0].alreadyDone, false);
		assert.equal(out[1].alreadyDone, true);
		assert.equal(out[1].deleted, true);
		assert.equal(status('cmp_sales'), undefined, 'gone from Atlas');
	});
});

describe('Campaign control: Max Campaigns Per Execution', () => {
	it('Turn Off: 10 campaigns by default; the 11th fails before anything is sent for it', async () => {
		const ids = addCampaigns(11);
		const text = await fails({ operation: 'turnOff' }, ids);
		assert.match(
			text,
			/Stopped before sending \(item 11: turn campaign "cmp_bulk_10" off\): this execution already changed 10 other campaign\(s\), and one more would pass the Max Campaigns Per Execution \(10\)/,
		);
		assert.match(text, /Nothing was sent to Atlas for this item[\s\S]*raise Max Campaigns/);
		assert.match(text, /check the loop, or the AI agent/);
		assert.equal(statusPuts().length, 10);
		assert.equal(status('cmp_bulk_9'), 'paused');
		assert.equal(status('cmp_bulk_10'), 'active', 'the 11th campaign was not touched');
	});

	it('repeats of a campaign already changed do not count; Continue On Fail lets the rest answer', async () => {
		const ids = addCampaigns(3);
		const out = await run(
			{ operation: 'turnOff', campaignControlOptions: { maxCampaigns: 2 } },
			[ids[0], ids[1], ids[0], ids[2], ids[1]],
			{ continueOnFail: true },
		);
		assert.deepEqual(
			out.map((item) => item.alreadyDone ?? 'error'),
			[false, false, true, 'error', true],
		);
		assert.match(String(out[3].error), /Max Campaigns Per Execution \(2\)/);
		assert.deepEqual(
			statusPuts().map((r) => r.path.replace(/.*\/campaign\//, '')),
			[`${ids[0]}/status`, `${ids[1]}/status`],
		);
		assert.equal(status(ids[2]), 'active');
	});

	it('Turn On and Update Agent of one campaign count once against the same cap', async () => {
		const [a, b] = addCampaigns(2);
		await run({ operation: 'turnOn', campaignControlOptions: { maxCampaigns: 1 } }, [a], {
			executionId: 'exec-cap-1',
		});
		await run(
			{
				operation: 'updateAgent',
				agentSettings: { language: 'en-GB' },
				campaignControlOptions: { maxCampaigns: 1 },
			},
			[a],
			{ executionId: 'exec-cap-1' },
		);
		assert.equal(agentPuts().length, 1, 'the same campaign: no new campaign counted');
		const text = await fails(
			{ operation: 'turnOff', campaignControlOptions: { maxCampaigns: 1 } },
			[b],
			{ executionId: 'exec-cap-1' },
		);
		assert.match(text, /already changed 1 other campaign\(s\)[\s\S]*\(1\)/);
		assert.equal(status(b), 'active');
	});

	it('kept per execution: an AI agent calling the node as a tool again and again shares one cap', async () => {
		const ids = addCampaigns(3);
		const tool = { operation: 'turnOff', campaignControlOptions: { maxCampaigns: 2 } };
		await run(tool, [ids[0]], { executionId: 'exec-agent-9' });
		await run(tool, [ids[1]], { executionId: 'exec-agent-9' });
		const [again] = await run(tool, [ids[0]], { executionId: 'exec-agent-9' });
		assert.equal(again.alreadyDone, true, 'the same tool call again sends nothing');
		assert.match(await fails(tool, [ids[2]], { executionId: 'exec-agent-9' }), /\(2\)/);
		assert.equal(statusPuts().length, 2);
		// another execution starts afresh
		const [fresh] = await run(tool, [ids[2]], { executionId: 'exec-agent-10' });
		assert.equal(fresh.alreadyDone, false);
		assert.equal(status(ids[2]), 'paused');
	});

	it('Delete: one campaign per execution by default; more only when raised', async () => {
		const ids = addCampaigns(3);
		const text = await fails({ operation: 'delete' }, ids.slice(0, 2));
		assert.match(
			text,
			/Stopped before sending \(item 2: delete campaign "cmp_bulk_1"\): this execution already deleted 1 other campaign\(s\), and one more would pass the Max Campaigns Per Execution \(1\)/,
		);
		assert.match(text, /If you mean to delete more campaigns in one execution, raise/);
		assert.deepEqual(
			deletes().map((r) => r.path.replace(/.*\/campaign\//, '')),
			['cmp_bulk_0'],
		);
		assert.equal(status(ids[1]), 'active', 'the second campaign is still there');

		const out = await run({ operation: 'delete', campaignDeleteOptions: { maxCampaigns: 3 } }, [
			ids[1],
			ids[2],
		]);
		assert.deepEqual(
			out.map((item) => item.deleted),
			[true, true],
		);
		assert.equal(deletes().length, 3);
	});

	it('a bad cap is said so, before anything is sent', async () => {
		const text = await fails(
			{ operation: 'turnOff', campaignControlOptions: { maxCampaigns: -3 } },
			['cmp_sales'],
		);
		assert.match(text, /Max Campaigns Per Execution must be a number of 0 or more/);
		assert.equal(statusPuts().length, 0);
	});

	it('both Simplify views show the receipt and alreadyDone', async () => {
		for (const simplify of [true, false]) {
			emu.reset();
			const out = await run({ operation: 'turnOff', simplify }, ['cmp_sales', 'cmp_sales']);
			assert.equal(out[0].alreadyDone, false, `simplify ${simplify}`);
			assert.equal(out[0].Status, 'paused', "Atlas's answer is in the receipt");
			assert.deepEqual(
				out[1] as IDataObject,
				{
					campaignId: 'cmp_sales',
					enabled: false,
					alreadyDone: true,
					reason:
						'Item 1 of this execution already did this (turn campaign "cmp_sales" off); no second request was sent to Atlas.',
				},
				`simplify ${simplify}`,
			);
		}
	});
});
