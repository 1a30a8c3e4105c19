// Campaign > Get Statistics / Turn On / Turn Off / Update Agent / Delete and the builder's confirmation
// (actions/confirm.ts); Campaign > Get Many's Include Archived and the pickers hiding archived
// campaigns. Through n8n's real engine against the emulator; both Simplify views.
// The harness must be imported before anything that loads n8n-core.
import {
	registerCredentialTypes,
	runExecute,
	runListSearch,
	runLoadOptions,
} from '../helpers/engine';

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { AtlasApi } from '../../credentials/AtlasApi.credentials';
// '.js': tsx would otherwise resolve '*.node' to the codex files
import { Atlas } from '../../nodes/Atlas/Atlas.node.js';
import { AtlasTrigger } from '../../nodes/AtlasTrigger/AtlasTrigger.node.js';
import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';

const API_KEY = 'control-KEY-41d0';
let emu: Emulator;
const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const credentials = (apiKey = API_KEY) => ({ atlasApi: { apiKey, baseUrl: emu.baseUrl } });

async function run(
	parameters: INodeParameters,
	options: { apiKey?: string; continueOnFail?: boolean; items?: number } = {},
): Promise<IDataObject[]> {
	const out = await runExecute(new Atlas(), {
		parameters,
		credentials: credentials(options.apiKey),
		continueOnFail: options.continueOnFail,
		items: Array.from({ length: options.items ?? 1 }, () => ({ json: {} })),
	});
	return out[0].map((item) => item.json);
}

async function fails(parameters: INodeParameters, options: { apiKey?: string } = {}) {
	let caught: unknown;
	await run(parameters, options).then(
		() => assert.fail('expected the node to fail'),
		(error: unknown) => (caught = error),
	);
	const e = caught as { message: string; description?: string };
	return `${e.message}\n${e.description ?? ''}`;
}

const sent = (method: string, route: string) => emu.requests({ method, route }).map((r) => r.body);
const campaign = (id: string) => emu.campaigns.find((c) => c.id === id);

before(async () => {
	registerCredentialTypes(new AtlasApi());
	emu = await startEmulator({ apiKey: API_KEY, callDelayMs: 60_000 });
});
after(async () => await emu.close());
beforeEach(() => emu.reset());

describe('Campaign > Turn Off / Turn On', () => {
	const params = (operation: string, extra: IDataObject = {}): INodeParameters => ({
		resource: 'campaign',
		operation,
		campaign: rl('cmp_sales'),
		...extra,
	});

	it('refuses until the builder confirms, sending nothing; then off, then on', async () => {
		const text = await fails(params('turnOff'));
		assert.match(text, /This node is not allowed to turn the campaign off/);
		assert.match(text, /Nothing was done[\s\S]*"Allow This Node to Act"/);
		assert.equal(emu.requests({ method: 'PUT' }).length, 0);

		const [off] = await run(params('turnOff', { confirmed: true }));
		assert.equal(off.campaignId, 'cmp_sales');
		assert.equal(off.enabled, false);
		assert.equal(off.Status, 'paused', "a receipt: what was done, then Atlas's whole answer");
		assert.deepEqual(sent('PUT', 'PUT /campaign/:campaignId/status'), [{ enabled: false }]);
		assert.equal(campaign('cmp_sales')?.status, 'paused');

		const [on] = await run(params('turnOn', { confirmed: true }));
		assert.equal(on.enabled, true);
		assert.equal(on.RowKey, 'cmp_sales', "a receipt: what was done, then Atlas's whole answer");
		assert.equal(on.Status, 'active');
		assert.equal(campaign('cmp_sales')?.status, 'active');
	});

	it("an expression cannot confirm (an AI agent's $fromAI neither): only the saved switch", async () => {
		assert.match(await fails(params('turnOn', { confirmed: '={{ true }}' })), /is not allowed to/);
		assert.equal(emu.requests({ method: 'PUT' }).length, 0);
	});

	it('errors: unknown campaign 404, rejected key 401, key without the right 403', async () => {
		assert.match(
			await fails(params('turnOff', { confirmed: true, campaign: rl('cmp_nope') })),
			/Campaign "cmp_nope" was not found in Atlas/,
		);
		assert.match(
			await fails(params('turnOff', { confirmed: true }), { apiKey: 'wrong' }),
			/API key was rejected/,
		);
		emu.setFault({ path: '/campaign/:campaignId/status', type: '403' });
		assert.match(
			await fails(params('turnOff', { confirmed: true })),
			/may not turn this campaign off \(403 Forbidden\)/,
		);
	});
});

describe('Campaign > Update Agent', () => {
	const params = (agentSettings: IDataObject, extra: IDataObject = {}): INodeParameters => ({
		resource: 'campaign',
		operation: 'updateAgent',
		campaign: rl('cmp_sales'),
		agentSettings: agentSettings as INodeParameters,
		confirmed: true,
		...extra,
	});

	it("sends only the settings added, by Atlas's documented names", async () => {
		const [item] = await run(
			params({
				openingLine: ' Hi, this is Ava from Sunbeam Solar. ',
				closingLine: 'Have a sunny day!',
				speed: 1.1,
				fillerInjectionEnabled: true,
				voiceId: 'voice_42',
			}),
		);
		const body = {
			PreScript: 'Hi, this is Ava from Sunbeam Solar.',
			PostScript: 'Have a sunny day!',
			Speed: 1.1,
			FillerInjectionEnabled: true,
			VoiceId: 'voice_42',
		};
		assert.deepEqual(sent('PUT', 'PUT /campaign/:campaignId'), [body]);
		assert.deepEqual(campaign('cmp_sales')?.agent, body);
		assert.equal(item.campaignId, 'cmp_sales');
		assert.deepEqual((item.updated as string[]).sort(), Object.keys(body).sort());
		assert.deepEqual(item.settings, body);
	});

	it('no setting, or not confirmed: fails before anything is sent', async () => {
		assert.match(await fails(params({})), /No agent setting to change[\s\S]*Add Setting/);
		assert.match(
			await fails(params({ language: 'en-US' }, { confirmed: false })),
			/is not allowed to/,
		);
		assert.equal(emu.requests({ method: 'PUT' }).length, 0);
	});

	it("Atlas's refusal is worded; Continue On Fail keeps the other items going", async () => {
		emu.setFault({ path: '/campaign/:campaignId', method: 'PUT', type: '404' });
		const items = await run(params({ name: 'Ava' }), { continueOnFail: true, items: 2 });
		assert.match(String(items[0].error), /not found/);
		assert.equal(items[1].campaignId, 'cmp_sales');
		assert.equal(campaign('cmp_sales')?.name, 'Ava');
	});
});

describe('Campaign > Delete', () => {
	const params = (extra: IDataObject = {}): INodeParameters => ({
		resource: 'campaign',
		operation: 'delete',
		campaign: rl('cmp_chat'),
		...extra,
	});

	it('refuses without the confirmation; deletes once; a second time says it is gone', async () => {
		assert.match(await fails(params()), /This node is not allowed to delete the campaign/);
		assert.ok(campaign('cmp_chat'));
		const [item] = await run(params({ confirmed: true }));
		assert.deepEqual(item, { campaignId: 'cmp_chat', deleted: true, alreadyDone: false });
		assert.equal(campaign('cmp_chat'), undefined);
		assert.match(
			await fails(params({ confirmed: true })),
			/Campaign "cmp_chat" was not found in Atlas[\s\S]*deleted/,
		);
	});
});

describe('archived campaigns', () => {
	beforeEach(() => {
		campaign('cmp_support')!.status = 'archived';
	});

	it('Campaign > Get Many hides them unless Include Archived is on', async () => {
		const ids = (items: IDataObject[]) => items.map((c) => c.campaignId);
		const base = { resource: 'campaign', operation: 'getAll', returnAll: true };
		assert.deepEqual(ids(await run(base)), ['cmp_sales', 'cmp_chat']);
		assert.deepEqual(ids(await run({ ...base, includeArchived: true })), [
			'cmp_sales',
			'cmp_support',
			'cmp_chat',
		]);
		const [raw] = await run({ ...base, includeArchived: true, simplify: false });
		assert.equal(raw.RowKey, 'cmp_sales');
	});

	it('the pickers (action node and trigger) never show them', async () => {
		const search = await runListSearch(new Atlas(), 'searchCampaigns', {
			credentials: credentials(),
		});
		assert.deepEqual(search.results.map((r) => r.value).sort(), ['cmp_chat', 'cmp_sales']);
		const options = await runLoadOptions(new AtlasTrigger(), 'getCampaigns', {
			credentials: credentials(),
		});
		assert.deepEqual(options.map((o) => o.value).sort(), ['cmp_chat', 'cmp_sales']);
	});
});

describe('Campaign > Get Statistics', () => {
	const params = (campaign: string, extra: IDataObject = {}): INodeParameters => ({
		resource: 'campaign',
		operation: 'getStatistics',
		campaign: rl(campaign),
		...extra,
	});

	it("one campaign: flat counts, durations and rates; Simplify off keeps Atlas's answer", async () => {
		const [item] = await run(params('cmp_sales'));
		assert.deepEqual(item, {
			campaignId: 'cmp_sales',
			campaignName: null,
			totalCalls: 6,
			answeredCalls: 3,
			completedCalls: 3,
			successfulCalls: 2,
			failedCalls: 1,
			bookings: 1,
			totalDurationSeconds: item.totalDurationSeconds,
			averageDurationSeconds: item.averageDurationSeconds,
			answerRate: 0.5,
			bookingRate: 0.3333,
		});
		assert.ok((item.totalDurationSeconds as number) > 0);
		const [raw] = await run(params('cmp_sales', { simplify: false }));
		assert.equal(raw.TotalCalls, 6);
		assert.equal(raw.totalCalls, undefined);
	});

	it('all campaigns: one item per campaign', async () => {
		const items = await run(params('*'));
		assert.deepEqual(
			items.map((i) => [i.campaignId, i.campaignName, i.totalCalls, i.bookings]),
			[
				['cmp_sales', 'Sunbeam Solar - Outbound Sales', 6, 1],
				['cmp_support', 'Brightside Dental - Front Desk', 4, 1],
				['cmp_chat', 'Harbor Realty - SMS Concierge', 0, 0],
			],
		);
		assert.equal(items[2].answerRate, null, 'no rate without calls');
		assert.equal(emu.requests({ method: 'GET', route: 'GET /call/stats' }).length, 1);
	});

	it('unknown campaign: 404 in words', async () => {
		assert.match(await fails(params('cmp_nope')), /Campaign "cmp_nope" was not found/);
	});
});
