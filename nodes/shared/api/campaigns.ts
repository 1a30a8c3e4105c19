import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { ALL_CAMPAIGNS } from '../atlas/events';
import { ATLAS_PATHS } from '../atlas/endpoints';
import { campaignItem } from '../model/campaign';
import { toList, toRecord } from '../model/read';
import type { AtlasContext } from '../transport/request';
import { atlasRequest } from '../transport/request';

/** Every campaign of the account, as items (`campaignId`, `name` plus Atlas's own fields). */
export async function listCampaigns(this: AtlasContext): Promise<IDataObject[]> {
	const answer = await atlasRequest.call(this, { method: 'GET', path: ATLAS_PATHS.campaigns });
	return toList(answer).map(campaignItem);
}

export async function getCampaign(this: AtlasContext, campaignId: string): Promise<IDataObject> {
	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: ATLAS_PATHS.campaign(campaignId),
		notFound: `Campaign "${campaignId}"`,
	});
	return campaignItem(toRecord(answer) ?? { id: campaignId });
}

/** Campaigns as picker entries, by name; those without an id are left out. */
export function campaignOptions(campaigns: IDataObject[]): INodePropertyOptions[] {
	return campaigns
		.filter((campaign) => typeof campaign.campaignId === 'string' && campaign.campaignId !== '')
		.map((campaign) => ({
			name: String(campaign.name ?? campaign.campaignId),
			value: String(campaign.campaignId),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** "all campaigns" or `campaign "<id>"`, for messages. */
export function campaignLabel(campaignId: string): string {
	return campaignId === ALL_CAMPAIGNS ? 'all campaigns' : `campaign "${campaignId}"`;
}
