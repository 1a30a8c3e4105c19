import type { IDataObject } from 'n8n-workflow';

import { FIELD_ALIASES } from '../atlas/fields';
import { ARCHIVED_STATUS, CAMPAIGN_STATUS_ALIASES } from '../atlas/outcomes';
import { foldRecord, pickString } from './read';
import { orNull, withOriginal } from './values';

/** A campaign as an item: `campaignId` and `name` (its id when it has none), then Atlas's fields. */
export function campaignItem(raw: IDataObject): IDataObject {
	const folded = foldRecord(raw);
	const campaignId = pickString(folded, ...FIELD_ALIASES.campaignRecordId)?.trim();
	return withOriginal(
		{
			campaignId: orNull(campaignId),
			name: pickString(folded, ...FIELD_ALIASES.name)?.trim() ?? orNull(campaignId),
		},
		raw,
	);
}

/** True for a campaign Atlas lists as archived (`Status: "archived"` [live]). */
export function isArchived(campaign: IDataObject): boolean {
	const status = pickString(foldRecord(campaign), ...CAMPAIGN_STATUS_ALIASES);
	return status !== undefined && ARCHIVED_STATUS.test(status.trim());
}
