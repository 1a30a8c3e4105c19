// The emulator's burst drops of schedule requests (burst.ts) and its erase endpoints (erase.ts):
// DELETE /call/{id}, loose or exact phone matching of GET /call, a 403 on demand.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';

import { EmulatorClient, startEmulator, type Emulator } from './index';

let emu: Emulator;
const KEY = 'k-burst';
const api = (method: string, path: string, body?: unknown) =>
	fetch(`${emu.baseUrl}${path}`, {
		method,
		headers: { 'api-key': KEY, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
const schedule = (n: number) =>
	api('POST', '/campaign/createschedule', {
		campaignId: 'cmp_sales',
		customerPhoneNumber: `+1415559${String(n).padStart(4, '0')}`,
		customerName: 'Lead',
	}).then(
		(res) => res.status,
		() => 'dropped' as const,
	);

before(async () => (emu = await startEmulator({ apiKey: KEY, callDelayMs: 600_000 })));
after(async () => await emu.close());
beforeEach(() => emu.reset());

describe('burst drops', () => {
	it('answers up to the limit per window, drops the rest: some after scheduling, some before', async () => {
		emu.burst({ limit: 2, windowMs: 10_000, processedShare: 0.5 });
		const results = [];
		for (let n = 0; n < 6; n++) results.push(await schedule(n));
		assert.deepEqual(results, [201, 201, 'dropped', 'dropped', 'dropped', 'dropped']);
		const state = emu.burst();
		assert.equal(state.dropped, 4);
		assert.equal(state.droppedAfterScheduling, 2);
		assert.equal(state.droppedBeforeScheduling, 2);
		assert.equal(emu.schedules.length, 4, 'two answered + two processed before the drop');
		const log = emu.requests({ route: 'POST /campaign/createschedule' });
		assert.deepEqual(
			log.map((r) => [r.status, r.fault ?? null]),
			[
				[201, null],
				[201, null],
				[null, 'drop'],
				[null, 'drop'],
				[null, 'drop'],
				[null, 'drop'],
			],
		);
	});

	it('off by default and after reset; a window that passed lets requests through again', async () => {
		for (let n = 0; n < 5; n++) assert.equal(await schedule(n), 201);
		emu.burst({ limit: 1, windowMs: 100 });
		assert.equal(await schedule(10), 201);
		assert.equal(await schedule(11), 'dropped');
		await new Promise((r) => setTimeout(r, 150));
		assert.equal(await schedule(12), 201);
		assert.equal(
			(await api('GET', '/call/scheduled/cmp_sales')).status,
			200,
			'reads are never dropped',
		);
	});

	it('is set through the control API; bad settings are refused', async () => {
		const client = new EmulatorClient(emu.origin);
		const set = await fetch(`${client.origin}/__emulator/burst`, {
			method: 'POST',
			body: JSON.stringify({ limit: 3, windowMs: 500 }),
		});
		assert.equal(set.status, 200);
		assert.equal(((await set.json()) as { limit: number }).limit, 3);
		const bad = await fetch(`${client.origin}/__emulator/burst`, {
			method: 'POST',
			body: JSON.stringify({ processedShare: 2 }),
		});
		assert.equal(bad.status, 400);
		assert.equal((await client.state()).config.schedulePath, 'createschedule');
	});
});

describe('erase endpoints', () => {
	it('DELETE /call/{id} deletes once; an unknown call is 404; 403 on demand', async () => {
		assert.equal((await api('DELETE', '/call/call_0001')).status, 200);
		assert.ok(!emu.calls.some((c) => c.id === 'call_0001'));
		const again = await api('DELETE', '/call/call_0001');
		assert.equal(again.status, 404);
		assert.match(JSON.stringify(await again.json()), /Call not found/);
		emu.erase({ deleteForbidden: true });
		assert.equal((await api('DELETE', '/call/call_0002')).status, 403);
		assert.ok(emu.calls.some((c) => c.id === 'call_0002'));
	});

	it('GET /call matches the number exactly, or (loose) by its last seven digits', async () => {
		emu.calls.push({ ...emu.calls[0], id: 'call_alike', customerPhoneNumber: '+4414155550101' });
		const listed = async () => {
			const body = (await (await api('GET', '/call?customerPhoneNumber=%2B14155550101')).json()) as
				Array<Record<string, unknown>> | { value: Array<Record<string, unknown>> };
			const list = Array.isArray(body) ? body : body.value;
			return list.map((c) => String(c.Id ?? c.id ?? c.RowKey ?? c.callId)).sort();
		};
		assert.deepEqual(await listed(), ['call_0001']);
		const control = await fetch(`${emu.origin}/__emulator/erase`, {
			method: 'POST',
			body: JSON.stringify({ phoneMatch: 'loose' }),
		});
		assert.equal(control.status, 200);
		assert.deepEqual(await listed(), ['call_0001', 'call_alike']);
	});
});
