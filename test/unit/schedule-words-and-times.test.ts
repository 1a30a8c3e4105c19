// Call > Schedule's pure parts: the time to call, Atlas's refusals in words, tolerant answers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { scheduleRefusal } from '../../nodes/Atlas/actions/call/schedule/refusals';
import { readWhen } from '../../nodes/Atlas/actions/call/schedule/when';
import { answerFields, newSessionId, scheduledCallItem } from '../../nodes/shared/model/schedule';
import { zonedToInstant } from '../../nodes/shared/util/zone';

const NOW = Date.parse('2026-03-07T15:00:00Z'); // a Saturday; US DST starts on Sunday March 8

describe('the time to call', () => {
	it('reads text without an offset in the workflow time zone, with an offset as given', () => {
		assert.equal(
			readWhen('2026-03-09T09:30:00', 'America/New_York', NOW),
			Date.parse('2026-03-09T13:30:00Z'),
			'after DST: UTC-4',
		);
		assert.equal(
			readWhen('2026-03-07 09:30', 'America/New_York', NOW),
			Date.parse('2026-03-07T14:30:00Z'),
			'before DST: UTC-5',
		);
		assert.equal(
			readWhen('2026-03-09T09:30:00+02:00', 'America/New_York', NOW),
			Date.parse('2026-03-09T07:30:00Z'),
		);
		assert.equal(
			readWhen('2026-03-09T09:30:00Z', 'Europe/Berlin', NOW),
			Date.parse('2026-03-09T09:30:00Z'),
		);
		assert.equal(readWhen('2026-07-01', 'Europe/London', NOW), Date.parse('2026-06-30T23:00:00Z'));
	});

	it('a time of day is the next one in that zone', () => {
		assert.equal(
			readWhen('11:00', 'America/New_York', NOW),
			Date.parse('2026-03-07T16:00:00Z'),
			'later today',
		);
		assert.equal(
			readWhen('09:00', 'America/New_York', NOW),
			Date.parse('2026-03-08T13:00:00Z'),
			'tomorrow, after DST',
		);
		assert.equal(readWhen('25:00', 'UTC', NOW), undefined);
	});

	it('takes n8n DateTimes, JS Dates and epoch numbers, and refuses the rest', () => {
		const dateTimeLike = {
			isValid: true,
			toUTC: () => ({ toISO: () => '2026-03-09T10:00:00.000Z' }),
		};
		assert.equal(readWhen(dateTimeLike, 'UTC', NOW), Date.parse('2026-03-09T10:00:00Z'));
		assert.equal(readWhen(new Date(NOW + 1000), 'UTC', NOW), NOW + 1000);
		assert.equal(readWhen(1_773_000_000, 'UTC', NOW), 1_773_000_000_000);
		for (const bad of ['', 'soon', '2026-13-01', '2026-02-30T99:00', {}, null]) {
			assert.equal(readWhen(bad, 'UTC', NOW), undefined, JSON.stringify(bad));
		}
	});

	it('wall time in a DST gap moves forward', () => {
		const gap = zonedToInstant(
			{ year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0 },
			'America/New_York',
		);
		assert.ok(
			[Date.parse('2026-03-08T07:30:00Z'), Date.parse('2026-03-08T06:30:00Z')].includes(gap),
		);
	});
});

describe("Atlas's refusals of a scheduled call, in words", () => {
	const words = scheduleRefusal('cmp_1', '+14155550123');
	it('names the daily limit, a campaign that is not outbound, a rejected number, an unknown campaign', () => {
		assert.match(
			words(400, 'call.start.error-vapi-number-outbound-daily-limit')!.message,
			/daily outbound call limit/,
		);
		assert.match(words(429, 'Daily outbound limit reached')!.message, /daily outbound call limit/);
		assert.match(
			words(400, 'Campaign is not an outbound campaign')!.message,
			/not an outbound campaign/,
		);
		assert.match(
			words(400, 'customerPhoneNumber must be a valid phone number')!.message,
			/rejected the phone number \+14155550123/,
		);
		assert.match(words(404, 'Campaign not found')!.message, /Campaign "cmp_1" was not found/);
		assert.equal(words(400, 'name too long'), undefined, 'anything else keeps the generic words');
		assert.equal(words(500, undefined), undefined);
	});
});

describe('answers read tolerantly', () => {
	it('a new session id as sessionId, SessionId, RowKey, or nested; text answers passed through', () => {
		assert.equal(newSessionId({ sessionId: 's1' }), 's1');
		assert.equal(newSessionId({ SessionId: 's2' }), 's2');
		assert.equal(newSessionId({ RowKey: 's3', PartitionKey: 'p' }), 's3');
		assert.equal(newSessionId({ data: { sessionId: 's4' } }), 's4');
		assert.equal(newSessionId('s5'), 's5');
		assert.equal(newSessionId({}), undefined);
		assert.deepEqual(answerFields('Response sent'), { atlasResponse: 'Response sent' });
		assert.deepEqual(answerFields(''), {});
		assert.deepEqual(answerFields({ ok: true }), { ok: true });
	});

	it('a scheduled call in any casing', () => {
		const item = scheduledCallItem(
			{
				RowKey: '7',
				CustomerPhoneNumber: '+14155550123',
				ScheduledDate: '2026-03-09T10:00:00Z',
				Status: 'scheduled',
			},
			'cmp_1',
		);
		assert.equal(item.sequenceNumber, '7');
		assert.equal(item.customerPhoneNumber, '+14155550123');
		assert.equal(item.scheduledAt, '2026-03-09T10:00:00Z');
		assert.equal(item.campaignId, 'cmp_1');
	});
});
