import type { IDataObject } from 'n8n-workflow';

import { BOOKING_ALIASES } from '../atlas/outcomes';
import { AliasReader } from './aliasReader';
import { orNull, toText, toTime, withOriginal } from './values';

/*
 * One booking (an appointment the agent made), whichever way it reaches us: Booking > Get Many,
 * Get for Call, Get Many Since Last Run, or the trigger's Include Bookings. Atlas's answer was
 * never recovered: every name is read through BOOKING_ALIASES (atlas/outcomes.ts), any casing.
 */

const READER = new AliasReader(BOOKING_ALIASES);

type Field = keyof typeof BOOKING_ALIASES;

/** What the caller knows when Atlas's record does not say (the campaign or call asked for). */
export interface BookingContext {
	campaignId?: string;
	callId?: string;
}

/** A time as ISO text when it can be read as one; Atlas's own text otherwise. */
function isoTime(value: unknown): string | undefined {
	const text = toTime(value);
	if (text === undefined) return undefined;
	const ms = Date.parse(text);
	return Number.isFinite(ms) ? new Date(ms).toISOString() : text;
}

/** A booking as an item: our names first, then Atlas's own fields (Simplify shows ours only). */
export function bookingItem(raw: IDataObject, known: BookingContext = {}): IDataObject {
	const plan = READER.planFor(raw);
	const text = (field: Field) => toText(plan.get(raw, field));
	return withOriginal(
		{
			bookingId: orNull(text('bookingId')),
			callId: orNull(text('callId') ?? known.callId),
			campaignId: orNull(text('campaignId') ?? known.campaignId),
			customerName: orNull(text('customerName')),
			customerPhoneNumber: orNull(text('customerPhoneNumber')),
			customerEmail: orNull(text('customerEmail')),
			startAt: orNull(isoTime(plan.get(raw, 'startAt'))),
			endAt: orNull(isoTime(plan.get(raw, 'endAt'))),
			timeZone: orNull(text('timeZone')),
			title: orNull(text('title')),
			notes: orNull(text('notes')),
			status: orNull(text('status')),
			createdAt: orNull(isoTime(plan.get(raw, 'createdAt'))),
		},
		raw,
	);
}

/** Milliseconds of an item's ISO field, or undefined. */
export function timeOf(
	item: IDataObject,
	field: 'startAt' | 'endAt' | 'createdAt',
): number | undefined {
	const value = item[field];
	const ms = typeof value === 'string' ? Date.parse(value) : NaN;
	return Number.isFinite(ms) ? ms : undefined;
}
