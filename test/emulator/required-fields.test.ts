// The emulator refuses what Atlas's reference says Atlas refuses (../shared/reference/atlas-api.md):
// createschedule requires campaignId, customerName and customerPhoneNumber; subscribe requires
// hookUrl, campaignId, triggerName and provider. Answers are Atlas's error shape.
//   node --import tsx --test test/emulator/required-fields.test.ts
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { type Emulator, startEmulator } from './index';

const KEY = 'required-fields-key';
let emu: Emulator;

async function post(path: string, body: unknown) {
	const res = await fetch(emu.baseUrl + path, {
		method: 'POST',
		headers: { 'api-key': KEY, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

before(async () => {
	emu = await startEmulator({ apiKey: KEY });
});
after(async () => {
	await emu.close();
});

describe('required fields, as the reference lists them', () => {
	const schedule = { campaignId: 'cmp_sales', customerPhoneNumber: '+14155550123' };

	for (const [what, customerName] of [
		['missing', undefined],
		['empty', ''],
		['blank', '   '],
	] as const) {
		it(`createschedule refuses a ${what} customerName with 400 {statusCode, error, message}`, async () => {
			const before = emu.requests({ route: 'POST /campaign/createschedule' }).length;
			const res = await post('/campaign/createschedule', { ...schedule, customerName });
			assert.equal(res.status, 400);
			assert.equal(res.body.statusCode, 400);
			assert.equal(res.body.error, 'Bad Request');
			assert.match(JSON.stringify(res.body.message), /customerName/);
			assert.equal(emu.requests({ route: 'POST /campaign/createschedule' }).length, before + 1);
		});
	}

	it('createschedule takes a named person', async () => {
		const res = await post('/campaign/createschedule', { ...schedule, customerName: 'Dana' });
		assert.equal(res.status, 201);
		assert.equal(typeof res.body.sequenceNumber, 'number');
	});

	for (const field of ['hookUrl', 'campaignId', 'triggerName', 'provider']) {
		it(`subscribe refuses a missing ${field}`, async () => {
			const full: Record<string, string> = {
				hookUrl: 'https://example.com/hook',
				campaignId: 'cmp_sales',
				triggerName: 'call_completed',
				provider: 'custom',
			};
			delete full[field];
			const res = await post('/events-gateway/trigger/subscribe', full);
			assert.equal(res.status, 400);
			assert.match(JSON.stringify(res.body.message), new RegExp(field));
		});
	}
});
