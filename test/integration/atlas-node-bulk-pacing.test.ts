// Call > Schedule in bulk: Delay Between Calls, progress in n8n's log, and requests Atlas drops
// under a burst (before or after scheduling) reconciled so every lead is scheduled once.
// n8n's real engine against the emulator. The harness must be imported before n8n-core loads.
import { registerCredentialTypes } from '../helpers/engine';
import { atlasNodeRunner, rl, rows } from '../helpers/atlas-node';

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it, mock } from 'node:test';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { AtlasApi } from '../../credentials/AtlasApi.credentials';
import { forgetRecentClaims } from '../../nodes/Atlas/actions/call/schedule/recent';
import { forgetSchedulePath } from '../../nodes/shared/api/calls';
import type { Emulator } from '../emulator';
import { startEmulator } from '../emulator';

let emu: Emulator;
const { run, fails } = atlasNodeRunner(() => emu, 'atlas-secret-KEY-bulk');

const SCHEDULE = 'POST /campaign/createschedule';
const phones = (n: number, prefix = '+1415556') =>
	Array.from({ length: n }, (_, i) => ({ phone: `${prefix}${String(i).padStart(4, '0')}` }));

const bulk = (options: IDataObject = {}): INodeParameters => ({
	resource: 'call',
	operation: 'schedule',
	campaign: rl('cmp_sales'),
	customerPhoneNumber: '={{ $json.phone }}',
	customerName: 'Lead',
	scheduleOptions: { maxCalls: 1000, ...options },
});

/** Every number scheduled exactly once in the emulator (none twice, none missing). */
function scheduledOnce(expected: string[]) {
	const numbers = emu.schedules.map((s) => s.customerPhoneNumber).sort();
	assert.deepEqual(numbers, [...expected].sort());
}

before(async () => {
	registerCredentialTypes(new AtlasApi());
	emu = await startEmulator({ apiKey: 'atlas-secret-KEY-bulk', callDelayMs: 600_000 });
});
after(async () => await emu.close());
beforeEach(() => {
	emu.reset();
	emu.configure({ callDelayMs: 600_000 });
	forgetSchedulePath();
	forgetRecentClaims();
});

describe('Call > Schedule: pace and dropped connections', () => {
	it('spaces schedule requests by Delay Between Calls; 0 sends them at once', async () => {
		await run(bulk({ delayMs: 150, skipRecent: false }), { items: rows(...phones(4)) });
		const times = emu.requests({ route: SCHEDULE }).map((r) => Date.parse(r.time));
		assert.equal(times.length, 4);
		for (let i = 1; i < times.length; i++)
			assert.ok(times[i] - times[i - 1] >= 140, `gap ${i}: ${times[i] - times[i - 1]} ms`);

		emu.reset();
		const started = Date.now();
		await run(bulk({ delayMs: 0, skipRecent: false }), { items: rows(...phones(4, '+1415557')) });
		assert.ok(Date.now() - started < 400, 'no wait with a delay of 0');
	});

	it('logs progress to n8n: every 100 items and at the last', async () => {
		const logger = Container.get(Logger);
		const info = mock.method(logger, 'info', () => undefined);
		try {
			await run(bulk({ delayMs: 0, skipRecent: false }), { items: rows(...phones(150)) });
		} finally {
			info.mock.restore();
		}
		const lines = info.mock.calls
			.map((call) => String(call.arguments[0]))
			.filter((line) => line.startsWith('Atlas Call > Schedule'));
		assert.deepEqual(lines, [
			'Atlas Call > Schedule: 100 of 150 items done, 100 call(s) scheduled in this execution',
			'Atlas Call > Schedule: 150 of 150 items done, 150 call(s) scheduled in this execution',
		]);
	});

	it('a burst Atlas drops (before or after scheduling): every lead scheduled once, none twice', async () => {
		emu.burst({ limit: 3, windowMs: 250, processedShare: 0.5 });
		const leads = phones(12);
		const out = await run(bulk({ delayMs: 0 }), { items: rows(...leads) });
		const burst = emu.burst();
		assert.ok(burst.droppedAfterScheduling >= 1, JSON.stringify(burst));
		assert.ok(burst.droppedBeforeScheduling >= 1, JSON.stringify(burst));
		scheduledOnce(leads.map((l) => l.phone));
		assert.equal(out.length, 12);
		assert.ok(out.every((item) => item.json.skipped === false && item.json.sequenceNumber));
		const recovered = out.filter((item) => item.json.recovered);
		assert.equal(recovered.length, burst.droppedAfterScheduling);
		assert.match(
			String(recovered[0].json.recovered),
			/scheduled calls show the call was scheduled/,
		);
		const seqs = out.map((item) => item.json.sequenceNumber);
		assert.equal(new Set(seqs).size, 12, 'each item has its own scheduled call');
	});

	it("also with Don't Call the Same Person Twice off and a time to call", async () => {
		emu.burst({ limit: 2, windowMs: 250, processedShare: 0.5 });
		const leads = phones(8);
		const at = new Date(Date.now() + 86_400_000).toISOString();
		await run(
			{ ...bulk({ delayMs: 0, skipRecent: false }), when: 'at', scheduledAt: at },
			{
				items: rows(...leads),
			},
		);
		assert.ok(emu.burst().dropped >= 2);
		scheduledOnce(leads.map((l) => l.phone));
	});

	it('no answer three times and nothing listed: fails saying nothing was scheduled; a retry goes through', async () => {
		emu.setFault({ path: '/campaign/createschedule', method: 'POST', type: 'drop', count: 3 });
		const failure = await fails(bulk({ delayMs: 0 }), { items: rows(...phones(1)) });
		assert.match(
			failure.message,
			/did not answer 3 requests to call \+14155560000: nothing was scheduled/,
		);
		assert.match(failure.text, /running the item again is safe/);
		assert.equal(emu.schedules.length, 0);
		const [retry] = await run(bulk({ delayMs: 0 }), { items: rows(...phones(1)) });
		assert.equal(retry.json.skipped, false);
		scheduledOnce(['+14155560000']);
	});

	it('no answer and the list cannot be read: not sent again, the error says what to check', async () => {
		emu.setFault([
			{ path: '/campaign/createschedule', method: 'POST', type: 'drop', count: 1 },
			{ path: '/call/scheduled/:campaignId', method: 'GET', type: '500', count: -1 },
		]);
		const failure = await fails(bulk({ delayMs: 0, skipRecent: false }), {
			items: rows(...phones(1)),
		});
		assert.match(failure.message, /its scheduled calls could not be read to check/);
		assert.match(failure.text, /Check Call > Get Scheduled for campaign "cmp_sales"/);
		assert.equal(emu.requests({ route: SCHEDULE }).length, 1, 'never sent twice blind');
	});
});
