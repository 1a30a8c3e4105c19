import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fetchBookings } from '../../../shared/api/bookings';
import { listCampaigns } from '../../../shared/api/campaigns';
import { ALL_CAMPAIGNS } from '../../../shared/atlas/events';
import { bookingItem } from '../../../shared/model/booking';
import { isArchived } from '../../../shared/model/campaign';
import { mapSettled } from '../../../shared/util/concurrency';

/** Campaigns whose bookings are read at once for "All Campaigns". */
const CAMPAIGNS_AT_ONCE = 4;

/**
 * The bookings of one campaign, or of every campaign that is not archived (`*`), as items.
 * Atlas has bookings per campaign only. With `*` a campaign answered 404 has none (it was just
 * listed: a kind of campaign without bookings [guess]); any other failure fails the whole list,
 * so nothing is silently missing.
 */
export async function bookingsOf(
	ctx: IExecuteFunctions,
	campaignId: string,
): Promise<IDataObject[]> {
	if (campaignId !== ALL_CAMPAIGNS) {
		const raw = await fetchBookings.call(ctx, campaignId);
		return raw.map((record) => bookingItem(record, { campaignId }));
	}
	const ids = (await listCampaigns.call(ctx))
		.filter((campaign) => !isArchived(campaign))
		.map((campaign) => campaign.campaignId)
		.filter((id): id is string => typeof id === 'string' && id !== '');
	const results = await mapSettled(ids, CAMPAIGNS_AT_ONCE, async (id) => {
		const raw = await fetchBookings.call(ctx, id, true);
		return raw.map((record) => bookingItem(record, { campaignId: id }));
	});
	const items: IDataObject[] = [];
	for (const result of results) {
		if (!result.ok) throw result.error;
		items.push(...result.value);
	}
	return items;
}
