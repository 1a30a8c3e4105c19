import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { fetchCallBookings } from '../../shared/api/bookings';
import { bookingItem } from '../../shared/model/booking';
import { eventCampaignId } from '../../shared/model/event';
import { errorText } from '../../shared/util/errors';
import { SAMPLE_CALL_ID } from '../sample/builtIn';
import type { DeliveredEvent } from './model';

/*
 * Include Bookings (Call Completed): the appointments the agent booked during the call, added to
 * the item as `bookings` (one request per call, after Atlas was answered). A failure never loses
 * the event: it comes with `bookings: []` and `bookingsError` saying why.
 */

/** Adds `bookings` (and `bookingsError` when they could not be read) to a call_completed item; false on failure. */
export async function attachBookings(
	ctx: IWebhookFunctions,
	entry: DeliveredEvent,
	callId: string,
): Promise<boolean> {
	const json = entry.item;
	if (entry.sampleSource === 'built-in') {
		// a built-in sample's call is not in Atlas: the booking its conversation made, to map fields
		const campaignId = eventCampaignId(json);
		json.bookings = [bookingItem(sampleBooking(campaignId), { campaignId, callId })];
		return true;
	}
	const campaignId = eventCampaignId(json) ?? eventCampaignId(json.callRecord);
	if (!campaignId) {
		json.bookings = [];
		json.bookingsError = 'The event names no campaign (campaignId), so its bookings cannot be read';
		return false;
	}
	try {
		// a call without bookings may be answered 404 [guess]: that is "no bookings", not a failure
		const raw = await fetchCallBookings.call(ctx, campaignId, callId, true);
		json.bookings = raw.map((record: IDataObject) => bookingItem(record, { campaignId, callId }));
		return true;
	} catch (error) {
		json.bookings = [];
		json.bookingsError = `The bookings of this call could not be read: ${errorText(error)}`;
		return false;
	}
}

/** The booking of the built-in Call Completed sample: "Thursday at 15:30 with Dr. Patel" (the next one, UTC). */
function sampleBooking(campaignId: string | undefined, now = Date.now()): IDataObject {
	const day = new Date(now);
	day.setUTCHours(15, 30, 0, 0);
	day.setUTCDate(day.getUTCDate() + ((4 - day.getUTCDay() + 7) % 7 || 7));
	return {
		bookingId: 'bkg_sample_0001',
		callId: SAMPLE_CALL_ID,
		campaignId: campaignId ?? null,
		customerName: 'Jordan Sample',
		customerPhoneNumber: '+14155550123',
		title: 'Cleaning with Dr. Patel',
		startAt: day.toISOString(),
		endAt: new Date(day.getTime() + 30 * 60_000).toISOString(),
		status: 'confirmed',
		notes: 'A sample booking (built-in): real ones come from Atlas.',
		createdAt: new Date(now).toISOString(),
	};
}
