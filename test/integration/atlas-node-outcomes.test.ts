// What the agent achieved, through n8n's real engine against the emulator: Booking > Get Many /
// Get for Call / Get Many Since Last Run, both Simplify views (campaign statistics and
// controls: atlas-node-campaign-control.test.ts).
// The harness must be imported before anything that loads n8n-core.
import { registerCredentialTypes, runExecute } from '../helpers/engine';
import type { RunExecuteOptions } from '../helpers/engine';

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { AtlasApi } from '../../credentials/AtlasApi.credentials';
// '.js': tsx would otherwise resolve 'Atlas.node' to the codex file Atlas.node.json
import { Atlas } from '../../nodes/Atlas/Atlas.node.js';
import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';

const API_KEY = 'outcomes-KEY-7c2e';
let emu: Emulator;
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

interface RunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	staticData?: IDataObject;
	typeVersion?: number;
	mode?: RunExecuteOptions['mode'];
	apiKey?: string;
}

async function run(parameters: INodeParameters, options: RunOptions = {}): Promise<IDataObject[]> {
	const out = await runExecute(new Atlas(), {
		parameters,
		credentials: { atlasApi: { apiKey: options.apiKey ?? API_KEY, baseUrl: emu.baseUrl } },
		items: options.items,
		continueOnFail: options.continueOnFail,
		typeVersion: options.typeVersion,
		mode: options.mode ?? 'trigger',
		...({ staticData: options.staticData } as object),
	});
	return out[0].map((item) => item.json);
}

async function fails(parameters: INodeParameters, options: RunOptions = {}) {
	let caught: unknown;
	await run(parameters, options).then(
		() => assert.fail('expected the node to fail'),
		(error: unknown) => (caught = error),
	);
	const e = caught as { message: string; description?: string };
	return `${e.message}\n${e.description ?? ''}`;
}

let calls = 0;
/** A call_completed whose agent books the rooftop assessment (the emulator then has a booking). */
async function bookedCall(campaignId = 'cmp_sales'): Promise<string> {
	const callId = `call_booked_${++calls}`;
	const now = new Date().toISOString();
	await emu.fire('call_completed', {
		events: [
			{
				callId,
				campaignId,
				customerName: 'Nora Quinn',
				customerPhoneNumber: '+14155550177',
				startedAt: now,
				endedAt: now,
				summary: 'Nora agreed to a free rooftop assessment.',
				messages: [
					{ role: 'assistant', message: 'You are booked for Thursday June 5 at 10am.', time: now },
				],
			},
		],
	});
	return callId;
}

before(async () => {
	registerCredentialTypes(new AtlasApi());
	emu = await startEmulator({ apiKey: API_KEY, callDelayMs: 60_000 });
});
after(async () => await emu.close());
beforeEach(() => emu.reset());

const MARIA = {
	bookingId: 'bkg_0001',
	callId: 'call_0001',
	campaignId: 'cmp_sales',
	customerName: 'Maria Gonzalez',
	customerPhoneNumber: '+14155550101',
	customerEmail: null,
	startAt: '2025-06-05T17:00:00.000Z',
	endAt: '2025-06-05T18:00:00.000Z',
	timeZone: 'America/Los_Angeles',
	title: 'Free rooftop assessment',
	status: 'confirmed',
};

describe('Booking > Get Many', () => {
	const params = (extra: IDataObject = {}): INodeParameters => ({
		resource: 'booking',
		operation: 'getAll',
		campaign: rl('cmp_sales'),
		...extra,
	});

	it("a campaign's bookings, our names only (Simplify), read from Atlas's PascalCase rows", async () => {
		const [item] = await run(params());
		const { notes, createdAt, ...rest } = item;
		assert.deepEqual(rest, MARIA);
		assert.match(String(notes), /rooftop assessment/);
		assert.equal(typeof createdAt, 'string');
		assert.equal(item.RowKey, undefined, 'Simplify leaves Atlas fields out');
	});

	it("Simplify off: Atlas's record as it came; typeVersion 1: ours, then Atlas's", async () => {
		const [raw] = await run(params({ simplify: false }));
		assert.equal(raw.RowKey, 'bkg_0001');
		assert.equal(raw.StartTime, MARIA.startAt);
		assert.equal(raw.bookingId, undefined);
		const [both] = await run(params(), { typeVersion: 1 });
		assert.equal(both.bookingId, 'bkg_0001');
		assert.equal(both.RowKey, 'bkg_0001');
	});

	it('camelCase and wrapped answers read the same', async () => {
		emu.configure({ casing: 'camel', listShape: 'value' });
		const [item] = await run(params());
		assert.equal(item.bookingId, 'bkg_0001');
		assert.equal(item.startAt, MARIA.startAt);
		assert.equal(item.title, MARIA.title);
	});

	it('Starts After / Before filter by the appointment start (applied by the node); a reversed range fails', async () => {
		const inRange = { startsAfter: '2025-06-05T00:00:00Z', startsBefore: '2025-06-06T00:00:00Z' };
		assert.equal((await run(params({ bookingFilters: inRange }))).length, 1);
		assert.equal(
			(await run(params({ bookingFilters: { startsAfter: '2025-06-05T17:00:01Z' } }))).length,
			0,
		);
		const text = await fails(
			params({ bookingFilters: { startsAfter: '2025-07-01', startsBefore: '2025-06-01' } }),
		);
		assert.match(text, /Starts After is not before Starts Before[\s\S]*Swap/);
	});

	it('All Campaigns: every campaign that is not archived; Return All off keeps the Limit', async () => {
		const all = await run(params({ campaign: rl('*') }));
		assert.deepEqual(all.map((b) => b.callId).sort(), ['call_0001', 'call_0006']);
		emu.campaigns.find((c) => c.id === 'cmp_support')!.status = 'archived';
		assert.deepEqual(
			(await run(params({ campaign: rl('*') }))).map((b) => b.callId),
			['call_0001'],
		);
		assert.equal((await run(params({ campaign: rl('*'), limit: 1 }))).length, 1);
		// a campaign answered 404 has no bookings; any other failure fails the list
		emu.setFault({ path: '/campaign/cmp_chat/bookings', type: '404' });
		assert.equal((await run(params({ campaign: rl('*') }))).length, 1);
		emu.setFault({ path: '/campaign/cmp_chat/bookings', type: '403' });
		assert.match(await fails(params({ campaign: rl('*') })), /403 Forbidden/);
	});

	it('errors: unknown campaign (404), a rejected key (401), a key without the right (403)', async () => {
		assert.match(
			await fails(params({ campaign: rl('cmp_nope') })),
			/Campaign "cmp_nope" was not found in Atlas[\s\S]*Check the ID/,
		);
		assert.match(
			await fails(params(), { apiKey: 'wrong' }),
			/API key was rejected[\s\S]*paste the key/,
		);
		emu.setFault({ path: '/campaign/:campaignId/bookings', type: '403' });
		assert.match(await fails(params()), /may not read the bookings[\s\S]*full access/);
		const [error] = await run(params({ campaign: rl('cmp_nope') }), { continueOnFail: true });
		assert.match(String(error.error), /not found/);
	});
});

describe('Booking > Get for Call', () => {
	const params = (callId: string, extra: IDataObject = {}): INodeParameters => ({
		resource: 'booking',
		operation: 'getForCall',
		campaign: rl('cmp_sales'),
		callId,
		...extra,
	});

	it("the call's bookings, or none; an empty Call ID fails before any request", async () => {
		const [item] = await run(params('call_0001'));
		assert.equal(item.bookingId, 'bkg_0001');
		assert.equal(item.callId, 'call_0001');
		assert.deepEqual(await run(params('call_0002')), []);
		const [raw] = await run(params('call_0001', { simplify: false }));
		assert.equal(raw.CallId, 'call_0001');
		assert.equal(raw.bookingId, undefined);
		emu.clearRequests();
		assert.match(await fails(params(' ')), /Call ID is empty/);
		assert.equal(emu.requests().length, 0);
	});

	it('a campaign Atlas does not know is a 404 naming the campaign and the call', async () => {
		assert.match(
			await fails(params('call_0001', { campaign: rl('cmp_nope') })),
			/Campaign "cmp_nope" or call "call_0001" was not found/,
		);
	});
});

describe('Booking > Get Many Since Last Run', () => {
	const params = (extra: IDataObject = {}): INodeParameters => ({
		resource: 'booking',
		operation: 'getManySinceLastRun',
		...extra,
	});

	it('run twice returns only the new bookings; the first run only those of the lookback', async () => {
		const state: IDataObject = {};
		// the seed bookings were made in 2025: outside the 24 h default lookback
		assert.deepEqual(await run(params(), { staticData: state }), []);
		const made = [await bookedCall(), await bookedCall('cmp_support')];
		const first = await run(params(), { staticData: state });
		assert.deepEqual(first.map((b) => b.callId).sort(), [...made].sort());
		assert.equal(first[0].customerName, 'Nora Quinn');
		assert.deepEqual(await run(params(), { staticData: state }), [], 'nothing new');
		await bookedCall();
		const third = await run(params(), { staticData: state });
		assert.deepEqual(
			third.map((b) => b.bookingId),
			[emu.bookings.at(-1)!.id],
		);
		const mark = (state.bookingsSinceLastRun as IDataObject)['*'] as IDataObject;
		assert.equal(Object.keys(mark.seen as IDataObject).length, 5);
	});

	it('a long First Run Lookback returns the seed bookings; each campaign keeps its own mark', async () => {
		const state: IDataObject = {};
		const sales = await run(
			params({
				campaign: rl('cmp_sales'),
				bookingsSinceOptions: { firstRunLookbackHours: 24 * 365 * 20 },
			}),
			{ staticData: state },
		);
		assert.deepEqual(
			sales.map((b) => b.bookingId),
			['bkg_0001'],
		);
		const all = await run(
			params({ bookingsSinceOptions: { firstRunLookbackHours: 24 * 365 * 20 } }),
			{ staticData: state },
		);
		assert.equal(all.length, 2, 'the "*" mark is separate from the campaign\'s');
	});

	it('a failed run does not move the mark', async () => {
		const state: IDataObject = {};
		await run(params(), { staticData: state });
		await bookedCall();
		emu.setFault({ path: '/campaign/:campaignId/bookings', type: '500', count: -1 });
		await fails(params(), { staticData: state });
		emu.clearFaults();
		assert.equal((await run(params(), { staticData: state })).length, 1);
	});
});
