// Atlas Trigger > Include Bookings (Call Completed): the bookings made during the call are added to
// the item (one request per call, after Atlas was answered); a failure keeps the event, with
// bookingsError. Through n8n-core's real contexts against the in-process emulator.
// The harness must be imported before anything that loads n8n-core.
import { registerCredentialTypes, runHook, runWebhook } from '../helpers/engine';

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { AtlasApi } from '../../credentials/AtlasApi.credentials';
// '.js': tsx would otherwise resolve 'AtlasTrigger.node' to the codex file AtlasTrigger.node.json
import { AtlasTrigger } from '../../nodes/AtlasTrigger/AtlasTrigger.node.js';
import { deriveToken } from '../../nodes/AtlasTrigger/activation/token';
import { builtInSample } from '../../nodes/AtlasTrigger/sample/builtIn';
import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';

const API_KEY = 'bookings-trigger-key';
const trigger = new AtlasTrigger();
let emu: Emulator;
let staticData: IDataObject;
let workflows = 0;

const credentials = () => ({ atlasApi: { apiKey: API_KEY, baseUrl: emu.baseUrl } });
const params = (options: IDataObject, extra: IDataObject = {}): INodeParameters => ({
	events: ['call_completed', 'call_started'],
	campaignScope: 'all',
	options: options as INodeParameters,
	...(extra as INodeParameters),
});

async function deliver(options: IDataObject, event: string, body: unknown[], extra?: IDataObject) {
	const run = await runWebhook(trigger, {
		parameters: params(options, extra),
		credentials: credentials(),
		staticData: structuredClone(staticData),
		workflowId: `wf-bookings-${++workflows}`,
		request: {
			method: 'POST',
			query: { event, token: deriveToken(API_KEY, String(staticData.nonce)) },
			headers: { 'content-type': 'application/json' },
			body,
		},
	});
	assert.equal(run.response.status, 200, 'Atlas is answered 200 whatever happens next');
	return ((run.result.workflowData?.[0] ?? []) as INodeExecutionData[]).map((i) => i.json);
}

const callEvent = (callId: string, campaignId: string, over: IDataObject = {}): IDataObject => ({
	callId,
	campaignId,
	customerPhoneNumber: '+14155550101',
	startedAt: '2025-06-02T16:05:12.000Z',
	endedAt: '2025-06-02T16:06:50.000Z',
	summary: 'From the event',
	...over,
});
const lookups = () => emu.requests({ route: 'GET /campaign/:campaignId/bookings/callId/:callId' });

before(async () => {
	registerCredentialTypes(new AtlasApi());
	emu = await startEmulator({ apiKey: API_KEY });
	staticData = (
		await runHook(trigger, 'create', {
			parameters: params({}),
			credentials: credentials(),
			staticData: {},
		})
	).staticData;
});
after(async () => await emu.close());
beforeEach(() => {
	emu.clearFaults();
	emu.clearRequests();
});

describe('Atlas Trigger: Include Bookings', () => {
	it("adds the call's bookings, one request per call, in delivery order", async () => {
		const items = await deliver({ includeBookings: true }, 'call_completed', [
			callEvent('call_0001', 'cmp_sales'),
			callEvent('call_0002', 'cmp_sales'),
		]);
		const [maria, james] = items;
		const [booking] = maria.bookings as IDataObject[];
		assert.equal(booking.bookingId, 'bkg_0001');
		assert.equal(booking.callId, 'call_0001');
		assert.equal(booking.title, 'Free rooftop assessment');
		assert.equal(booking.startAt, '2025-06-05T17:00:00.000Z');
		assert.equal(booking.endAt, '2025-06-05T18:00:00.000Z');
		assert.equal(booking.RowKey, undefined, 'Simplify (the default): our fields only');
		assert.deepEqual(james.bookings, []);
		assert.equal(maria.bookingsError, undefined);
		assert.deepEqual(
			lookups().map((r) => r.path),
			[
				'/v1/api/campaign/cmp_sales/bookings/callId/call_0001',
				'/v1/api/campaign/cmp_sales/bookings/callId/call_0002',
			],
		);
	});

	it('off (the default), and for Call Started: no bookings, no request', async () => {
		const [off] = await deliver({}, 'call_completed', [callEvent('call_0001', 'cmp_sales')]);
		assert.equal(off.bookings, undefined);
		const [started] = await deliver({ includeBookings: true }, 'call_started', [
			callEvent('call_0001', 'cmp_sales'),
		]);
		assert.equal(started.bookings, undefined);
		assert.equal(lookups().length, 0);
	});

	it('a failed lookup never loses the event: bookings [] and bookingsError say why', async () => {
		emu.setFault({
			path: '/campaign/:campaignId/bookings/callId/:callId',
			type: '403',
			count: -1,
		});
		const [item] = await deliver({ includeBookings: true }, 'call_completed', [
			callEvent('call_0001', 'cmp_sales'),
		]);
		assert.equal(item.callId, 'call_0001');
		assert.deepEqual(item.bookings, []);
		assert.match(String(item.bookingsError), /could not be read: .*may not read the bookings/);
	});

	it('an event without a campaign is delivered with bookingsError', async () => {
		const [item] = await deliver({ includeBookings: true }, 'call_completed', [
			{ callId: 'call_0001', summary: 'no campaign' },
		]);
		assert.deepEqual(item.bookings, []);
		assert.match(String(item.bookingsError), /names no campaign/);
	});

	it('Simplify off, with Fetch Full Call Record: the event as sent, plus callRecord and bookings', async () => {
		const event = callEvent('call_0006', 'cmp_support', { Extra: 1 });
		const [item] = await deliver(
			{ includeBookings: true, fetchCallRecord: true },
			'call_completed',
			[event],
			{ simplify: false },
		);
		assert.equal(item.Extra, 1);
		// Atlas's records as they came: the call record and the bookings in Atlas's own names
		assert.equal((item.callRecord as IDataObject).CallId, 'call_0006');
		assert.equal((item.bookings as IDataObject[])[0].Title, 'Cleaning with Dr. Patel');
		assert.equal((item.bookings as IDataObject[])[0].bookingId, undefined);
	});

	it('a call_completed the emulator delivers after its agent booked: the booking is there', async () => {
		const now = new Date().toISOString();
		await emu.fire('call_completed', {
			hookUrl: 'http://127.0.0.1:9/unused',
			events: [
				callEvent('call_live_1', 'cmp_sales', {
					startedAt: now,
					endedAt: now,
					customerName: 'Nora Quinn',
					messages: [{ role: 'assistant', message: 'You are booked for Thursday June 5 at 10am.' }],
				}),
			],
		});
		const [item] = await deliver({ includeBookings: true }, 'call_completed', [
			callEvent('call_live_1', 'cmp_sales'),
		]);
		const [booking] = item.bookings as IDataObject[];
		assert.equal(booking.customerName, 'Nora Quinn');
		assert.match(String(booking.startAt), /-06-05T17:00:00.000Z$/);
	});

	it('the built-in sample (Listen for test event) comes with a sample booking to map fields from', async () => {
		const run = await runWebhook(trigger, {
			parameters: params({ includeBookings: true }),
			credentials: credentials(),
			staticData: structuredClone(staticData),
			isTest: true,
			request: {
				method: 'POST',
				query: { sample: '1', token: deriveToken(API_KEY, String(staticData.nonce)) },
				headers: { 'content-type': 'application/json' },
				body: {
					atlasTriggerSample: 1,
					samples: [
						{
							event: 'call_completed',
							source: 'built-in',
							payload: builtInSample('call_completed', 'cmp_sales'),
						},
					],
				},
			},
		});
		const [item] = (run.result.workflowData?.[0] ?? []) as INodeExecutionData[];
		assert.equal(item.json.sample, true);
		const [booking] = item.json.bookings as IDataObject[];
		assert.equal(booking.title, 'Cleaning with Dr. Patel');
		assert.equal(booking.campaignId, 'cmp_sales');
		assert.equal(new Date(String(booking.startAt)).getUTCDay(), 4, 'a Thursday');
		assert.equal(lookups().length, 0, 'nothing asked of Atlas for a built-in sample');
	});
});
