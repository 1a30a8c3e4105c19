import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ALL_CAMPAIGNS } from '../../../shared/atlas/events';
import { timeOf } from '../../../shared/model/booking';
import { HOUR } from '../../../shared/util/time';
import type { Watermark } from '../marks';
import { markTime, previousMark, seenOf, stageMark } from '../marks';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { campaignIdParameter, nonNegativeNumber } from '../parameters';
import { campaignOrAllLocator, simplifyProperty } from '../properties';
import { bookingsOf } from './list';

/*
 * Booking > Get Many Since Last Run: the bookings made since this node last ran successfully in
 * this workflow (a Schedule Trigger → calendar / CRM). Atlas lists a campaign's bookings with no
 * time filter and its record's creation time is a guess, so "new" means "not listed before": the
 * mark (marks.ts) remembers every booking the last run saw. The first run returns the bookings
 * created in the First Run Lookback (those without a creation time too: nothing is lost).
 */

export const DEFAULT_BOOKING_LOOKBACK_HOURS = 24;
const MAX_SEEN = 10_000;
const STATE_KEY = 'bookingsSinceLastRun';

const show = showFor('booking', 'getManySinceLastRun');

export const description: INodeProperties[] = [
	campaignOrAllLocator(
		show,
		'Only bookings of this campaign, or "All Campaigns" (every campaign that is not archived). Each choice keeps its own last-run mark.',
	),
	{
		displayName: 'Options',
		name: 'bookingsSinceOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description:
			'Each booking is returned once. Runs started by hand in the editor do not move the mark (n8n does not save their static data).',
		displayOptions: show,
		options: [
			{
				displayName: 'First Run Lookback (Hours)',
				name: 'firstRunLookbackHours',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_BOOKING_LOOKBACK_HOURS,
				description:
					'On the first run (nothing recorded yet), return the bookings made in this many hours before it. Bookings Atlas lists without a creation time are returned on the first run too.',
			},
		],
	},
	simplifyProperty(show, 'bookingId, startAt, customerName, ...'),
];

/** What tells two bookings apart: Atlas's id, else the call, the start and the customer. */
function keyOf(booking: IDataObject): string | undefined {
	if (typeof booking.bookingId === 'string' && booking.bookingId) return booking.bookingId;
	const parts = [booking.callId, booking.startAt, booking.customerPhoneNumber, booking.campaignId];
	return parts.some((part) => typeof part === 'string' && part !== '')
		? parts.map((part) => (typeof part === 'string' ? part : '')).join('|')
		: undefined;
}

export const execute: OperationExecute = async function (this, itemIndex, run) {
	const campaignId =
		campaignIdParameter(this, itemIndex, { allowAll: true, optional: true }) || ALL_CAMPAIGNS;
	const options = this.getNodeParameter('bookingsSinceOptions', itemIndex, {}) as IDataObject;
	const lookbackMs =
		nonNegativeNumber(
			this,
			itemIndex,
			options.firstRunLookbackHours,
			'First Run Lookback (Hours)',
			DEFAULT_BOOKING_LOOKBACK_HOURS,
		) * HOUR;
	const now = run.startedAt;
	const previous = previousMark(this, run, STATE_KEY, campaignId);
	const firstRun = markTime(previous) === undefined;
	const seen = seenOf(previous);

	const bookings = await bookingsOf(this, campaignId);
	const listed = new Map<string, number>();
	const fresh: IDataObject[] = [];
	for (const booking of bookings) {
		const key = keyOf(booking);
		if (key === undefined || listed.has(key)) continue; // nothing a workflow could de-duplicate on
		const created = timeOf(booking, 'createdAt');
		listed.set(key, created ?? now);
		if (Object.prototype.hasOwnProperty.call(seen, key)) continue;
		if (firstRun && created !== undefined && created < now - lookbackMs) continue;
		fresh.push(booking);
	}
	// the next run knows every booking listed now: those returned and those older than the lookback
	const kept = [...listed.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_SEEN);
	const next: Watermark = { since: new Date(now).toISOString(), seen: Object.fromEntries(kept) };
	stageMark(this, run, STATE_KEY, campaignId, next);
	const order = (booking: IDataObject) =>
		timeOf(booking, 'createdAt') ?? timeOf(booking, 'startAt') ?? 0;
	return fresh.sort((a, b) => order(a) - order(b));
};
