// Bookings and statistics read tolerantly (shared/model/booking.ts, statistics.ts): Atlas's
// answers were never recovered, so the alternative names, casings and shapes each must work.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { bookingItem } from '../../nodes/shared/model/booking';
import { isArchived } from '../../nodes/shared/model/campaign';
import { present } from '../../nodes/shared/model/simplify';
import { statisticsItems } from '../../nodes/shared/model/statistics';

describe('booking', () => {
	it('alternative names, any casing; epoch times as ISO; what the caller knows fills the gaps', () => {
		const raw = {
			Id: 'b1',
			ContactName: 'Dana',
			Phone: '+14155550123',
			Start: 1_780_000_000,
			End_Time: '2026-05-28T21:00:00+02:00',
			Service: 'Consultation',
			Description: 'Bring documents',
			Extra: true,
		};
		const item = bookingItem(raw, { campaignId: 'cmp_1', callId: 'call_1' });
		assert.deepEqual(present(item, 'simplified'), {
			bookingId: 'b1',
			callId: 'call_1',
			campaignId: 'cmp_1',
			customerName: 'Dana',
			customerPhoneNumber: '+14155550123',
			customerEmail: null,
			startAt: new Date(1_780_000_000_000).toISOString(),
			endAt: '2026-05-28T19:00:00.000Z',
			timeZone: null,
			title: 'Consultation',
			notes: 'Bring documents',
			status: null,
			createdAt: null,
		});
		assert.deepEqual(present(item, 'raw'), raw);
		assert.equal(item.Extra, true, 'ours, then Atlas’s own fields');
	});

	it('a booking record never takes its own id as its call id', () => {
		assert.equal(bookingItem({ RowKey: 'b2' }).callId, null);
		assert.equal(bookingItem({ RowKey: 'b2', CallId: 'c9' }).callId, 'c9');
		assert.equal(
			bookingItem({ start: 'next Tuesday' }).startAt,
			'next Tuesday',
			'unreadable text kept',
		);
	});
});

describe('statistics', () => {
	it('one record: alternative names, numbers as text; rates and the average computed', () => {
		const [item] = statisticsItems(
			{ data: { Total: '20', Connected: 10, Appointments: 4, TotalDuration: 1200 } },
			'cmp_1',
		);
		assert.equal(item.campaignId, 'cmp_1');
		assert.equal(item.totalCalls, 20);
		assert.equal(item.answeredCalls, 10);
		assert.equal(item.bookings, 4);
		assert.equal(item.averageDurationSeconds, 120);
		assert.equal(item.answerRate, 0.5);
		assert.equal(item.bookingRate, 0.4);
		assert.equal(item.failedCalls, null, 'what Atlas does not give is null');
	});

	it('all campaigns: a bare list, a breakdown under a key, or one total', () => {
		const bare = statisticsItems(
			[
				{ CampaignId: 'a', TotalCalls: 1 },
				{ CampaignId: 'b', TotalCalls: 2 },
			],
			'*',
		);
		assert.deepEqual(
			bare.map((i) => [i.campaignId, i.totalCalls]),
			[
				['a', 1],
				['b', 2],
			],
		);
		const keyed = statisticsItems(
			{ totalCalls: 3, byCampaign: [{ campaignId: 'a', total: 3 }] },
			'*',
		);
		assert.deepEqual(
			keyed.map((i) => [i.campaignId, i.totalCalls]),
			[['a', 3]],
		);
		const total = statisticsItems({ totalCalls: 3, calls: [{ x: 1 }] }, '*');
		assert.deepEqual(
			total.map((i) => [i.campaignId, i.totalCalls]),
			[['*', 3]],
		);
		assert.deepEqual(statisticsItems(undefined, 'cmp_1')[0].totalCalls, null);
	});
});

it('archived campaigns: Status "archived", any casing', () => {
	assert.equal(isArchived({ Status: 'Archived' }), true);
	assert.equal(isArchived({ status: 'active' }), false);
	assert.equal(isArchived({}), false);
});
