import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { callItem } from '../../nodes/shared/model/call';
import { campaignItem } from '../../nodes/shared/model/campaign';
import { present, recordView } from '../../nodes/shared/model/simplify';

describe('Simplify: one rule for every Atlas record', () => {
	const raw = { RowKey: 'c-1', BusinessName: 'Roofing', Status: 'active', CallType: '2' };

	it('typeVersion 1 keeps ours then Atlas’s fields; 2 simplifies unless turned off', () => {
		assert.equal(recordView(1, true), 'both');
		assert.equal(recordView(2, undefined), 'simplified');
		assert.equal(recordView(2, true), 'simplified');
		assert.equal(recordView(2, false), 'raw');
	});

	it('simplified: our fields only; raw: Atlas’s record as it came; both: as built', () => {
		const item = campaignItem({ ...raw });
		assert.deepEqual(present(item, 'simplified'), { campaignId: 'c-1', name: 'Roofing' });
		assert.deepEqual(present(item, 'raw'), raw);
		assert.deepEqual(Object.keys(present(item, 'both')), [
			'campaignId',
			'name',
			'RowKey',
			'BusinessName',
			'Status',
			'CallType',
		]);
	});

	it('nested records follow the rule; fields added after the model stay in both views', () => {
		const call = callItem({
			Id: 'call-1',
			EndedReason: 'customer-ended-call',
			messages: [{ role: 'user', message: 'hi', time: 1, Extra: 'x' }],
		});
		call.callRecordError = 'note';
		const simple = present(call, 'simplified');
		assert.equal(simple.callId, 'call-1');
		assert.equal(simple.Id, undefined);
		assert.equal(simple.EndedReason, undefined);
		assert.deepEqual(simple.messages, [
			{ role: 'user', message: 'hi', time: '1970-01-01T00:00:01.000Z' },
		]);
		assert.equal(simple.callRecordError, 'note');
		const asSent = present(call, 'raw');
		assert.equal(asSent.Id, 'call-1');
		assert.equal(asSent.callId, undefined);
		assert.equal(asSent.callRecordError, 'note');
	});

	it('a __proto__ key of Atlas stays a plain field in the raw view', () => {
		const sent = JSON.parse('{"RowKey":"c-2","__proto__":{"polluted":true}}');
		const shown = present(campaignItem(sent), 'raw');
		assert.equal(Object.getPrototypeOf(shown), Object.prototype);
		assert.deepEqual(Object.keys(shown), ['RowKey', '__proto__']);
	});
});
