import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { ALL_CAMPAIGNS } from '../atlas/events';
import { ATLAS_PATHS } from '../atlas/endpoints';
import { OUTCOME_PATHS } from '../atlas/outcomes';
import { campaignItem, isArchived } from '../model/campaign';
import { toList, toRecord } from '../model/read';
import type { AtlasContext, AtlasRequest } from '../transport/request';
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

/** Campaigns as picker entries, by name; those without an id, and archived ones, are left out. */
export function campaignOptions(campaigns: IDataObject[]): INodePropertyOptions[] {
	return campaigns
		.filter((campaign) => typeof campaign.campaignId === 'string' && campaign.campaignId !== '')
		.filter((campaign) => !isArchived(campaign))
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

/** Words for a 403: the key is valid but may not do this (401 keeps the generic words). */
export function forbidden(what: string): AtlasRequest['describeError'] {
	return (status) =>
		status === 403
			? {
					message: `The Atlas API key may not ${what} (403 Forbidden)`,
					description:
						'Atlas accepted the key but refused this action. Check in Atlas (Settings > API Keys) that the key belongs to the account that owns the campaign and has full access, or use a key that does.',
				}
			: undefined;
}

/** Campaign statistics as Atlas sent them: one campaign, or every campaign (`*`). */
export async function fetchStatistics(this: AtlasContext, campaignId: string): Promise<unknown> {
	const all = campaignId === ALL_CAMPAIGNS;
	return await atlasRequest.call(this, {
		method: 'GET',
		path: all ? OUTCOME_PATHS.allStats : OUTCOME_PATHS.campaignStats(campaignId),
		notFound: all ? 'The statistics of all campaigns' : `Campaign "${campaignId}"`,
		describeError: forbidden('read campaign statistics'),
	});
}

/** Turns a campaign on or off; Atlas's answer as it came (never recovered). */
export async function setCampaignEnabled(
	this: AtlasContext,
	campaignId: string,
	enabled: boolean,
): Promise<unknown> {
	return await atlasRequest.call(this, {
		method: 'PUT',
		path: OUTCOME_PATHS.campaignStatus(campaignId),
		body: { enabled },
		notFound: `Campaign "${campaignId}"`,
		describeError: forbidden(`turn this campaign ${enabled ? 'on' : 'off'}`),
	});
}

/** Updates a campaign's agent settings (Atlas's PascalCase names); Atlas's answer as it came. */
export async function updateCampaign(
	this: AtlasContext,
	campaignId: string,
	settings: IDataObject,
): Promise<unknown> {
	return await atlasRequest.call(this, {
		method: 'PUT',
		path: OUTCOME_PATHS.campaign(campaignId),
		body: settings,
		notFound: `Campaign "${campaignId}"`,
		describeError: forbidden("change this campaign's agent"),
	});
}

/** Deletes a campaign; Atlas's answer as it came. A campaign already gone is a 404 error. */
export async function deleteCampaign(this: AtlasContext, campaignId: string): Promise<unknown> {
	return await atlasRequest.call(this, {
		method: 'DELETE',
		path: OUTCOME_PATHS.campaign(campaignId),
		notFound: `Campaign "${campaignId}"`,
		describeError: forbidden('delete this campaign'),
	});
}
