import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { fetchCallBookings } from '../../shared/api/bookings';
import { bookingItem } from '../../shared/model/booking';
import { eventCampaignId } from '../../shared/model/event';
import { errorText } from '../../shared/util/errors';
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
		// a built-in sample's call is not in Atlas: it has no bookings to read
		json.bookings = [];
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
