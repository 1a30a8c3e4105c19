// The emulator's bookings, statistics and campaign control (bookings.ts, campaigns-control.ts).
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import type { Emulator } from './index';
import { startEmulator } from './index';

const KEY = 'outcomes-key';
let emu: Emulator;

async function api(method: string, path: string, body?: unknown, key = KEY) {
	const res = await fetch(`${emu.baseUrl}${path}`, {
		method,
		headers: { 'api-key': key, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.status, body: (await res.json()) as any };
}

before(async () => {
	emu = await startEmulator({ apiKey: KEY, callDelayMs: 20, callDurationMs: 20 });
});
after(async () => await emu.close());
beforeEach(() => emu.reset());

describe('bookings', () => {
	it('the seed calls that booked an appointment have a booking; per campaign and per call', async () => {
		const sales = await api('GET', '/campaign/cmp_sales/bookings');
		assert.equal(sales.status, 200);
		assert.equal(sales.body.length, 1);
		const [maria] = sales.body;
		assert.equal(maria.RowKey, 'bkg_0001');
		assert.equal(maria.CallId, 'call_0001');
		assert.equal(maria.Title, 'Free rooftop assessment');
		// Thursday June 5 (2025) at 10am in Los Angeles
		assert.equal(maria.StartTime, '2025-06-05T17:00:00.000Z');
		assert.equal(maria.EndTime, '2025-06-05T18:00:00.000Z');
		const kevin = (await api('GET', '/campaign/cmp_support/bookings/callId/call_0006')).body;
		assert.equal(kevin.length, 1);
		assert.equal(kevin[0].Title, 'Cleaning with Dr. Patel');
		assert.equal(kevin[0].StartTime, '2025-06-13T14:30:00.000Z');
		assert.deepEqual((await api('GET', '/campaign/cmp_sales/bookings/callId/call_0002')).body, []);
	});

	it('a fired call_completed whose agent booked creates one booking, even when fired twice', async () => {
		const fired = await emu.fire('call_completed', { campaignId: 'cmp_sales', casing: 'pascal' });
		const callId = (fired.events[0] as any).CallId;
		await emu.fire('call_completed', { events: fired.events });
		const found = (await api('GET', `/campaign/cmp_sales/bookings/callId/${callId}`)).body;
		assert.equal(found.length, 1);
		assert.equal(found[0].CustomerName, (fired.events[0] as any).CustomerName);
		assert.ok(Date.parse(found[0].StartTime) > Date.now() - 86_400_000, 'the next June 5');
	});

	it('a scheduled call that ends with the appointment books it', async () => {
		const res = await api('POST', '/campaign/createschedule', {
			campaignId: 'cmp_sales',
			customerPhoneNumber: '+14155550177',
			customerName: 'Nora Quinn',
		});
		assert.equal(res.status, 201);
		for (let i = 0; i < 100 && emu.schedules[0].status !== 'completed'; i++)
			await new Promise((r) => setTimeout(r, 20));
		const booking = emu.bookings.find((b) => b.callId === emu.schedules[0].callId);
		assert.equal(booking?.customerName, 'Nora Quinn');
	});

	it('unknown campaign 404, bad key 401, camel casing and wrapped lists', async () => {
		assert.equal((await api('GET', '/campaign/nope/bookings')).status, 404);
		assert.equal((await api('GET', '/campaign/cmp_sales/bookings', undefined, 'bad')).status, 401);
		emu.configure({ casing: 'camel', listShape: 'value' });
		const { body } = await api('GET', '/campaign/cmp_sales/bookings');
		assert.equal(body.value[0].id, 'bkg_0001');
		assert.equal(body.value[0].startTime, '2025-06-05T17:00:00.000Z');
	});
});

describe('campaign control and statistics', () => {
	it('turning off refuses new schedules; on again accepts them; bad bodies are 400', async () => {
		const off = await api('PUT', '/campaign/cmp_sales/status', { enabled: false });
		assert.equal(off.status, 200);
		assert.equal(off.body.Status, 'paused');
		const refused = await api('POST', '/campaign/createschedule', {
			campaignId: 'cmp_sales',
			customerName: 'Nora Quinn',
			customerPhoneNumber: '+14155550177',
		});
		assert.equal(refused.status, 400);
		assert.match(refused.body.message, /not active/);
		assert.equal((await api('PUT', '/campaign/cmp_sales/status', { enabled: true })).status, 200);
		const accepted = await api('POST', '/campaign/createschedule', {
			campaignId: 'cmp_sales',
			customerName: 'Nora Quinn',
			customerPhoneNumber: '+14155550177',
		});
		assert.equal(accepted.status, 201);
		assert.equal((await api('PUT', '/campaign/cmp_sales/status', { enabled: 'no' })).status, 400);
		assert.equal((await api('PUT', '/campaign/nope/status', { enabled: true })).status, 404);
		assert.equal(
			(await api('PUT', '/campaign/cmp_sales/status', { enabled: true }, 'bad')).status,
			401,
		);
	});

	it('update takes the documented agent settings only; delete removes the campaign', async () => {
		const ok = await api('PUT', '/campaign/cmp_sales', { PreScript: 'Hello!', Speed: 1.1 });
		assert.equal(ok.status, 200);
		assert.deepEqual(emu.campaigns[0].agent, { PreScript: 'Hello!', Speed: 1.1 });
		const bad = await api('PUT', '/campaign/cmp_sales', { Opening: 'x', Speed: 'fast' });
		assert.equal(bad.status, 400);
		assert.match(bad.body.message, /property Opening should not exist; Speed must be a number/);
		assert.equal((await api('DELETE', '/campaign/cmp_chat')).status, 200);
		assert.equal((await api('GET', '/campaign/cmp_chat')).status, 404);
		assert.equal((await api('DELETE', '/campaign/cmp_chat')).status, 404);
	});

	it('statistics are computed from the calls and bookings: one campaign, and all with a breakdown', async () => {
		const one = (await api('GET', '/call/stats/cmp_sales')).body;
		// seed: 6 sales calls, 3 completed (Maria, James, Linda), all answered; 1 booking
		assert.deepEqual(
			[one.TotalCalls, one.CompletedCalls, one.AnsweredCalls, one.Bookings],
			[6, 3, 3, 1],
		);
		const all = (await api('GET', '/call/stats')).body;
		assert.equal(all.TotalCalls, 10);
		assert.equal(all.Bookings, 2);
		assert.deepEqual(
			all.Campaigns.map((c: any) => [c.CampaignId, c.TotalCalls]),
			[
				['cmp_sales', 6],
				['cmp_support', 4],
				['cmp_chat', 0],
			],
		);
		assert.equal((await api('GET', '/call/stats/nope')).status, 404);
	});
});
