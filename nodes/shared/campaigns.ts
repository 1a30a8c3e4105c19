import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ALL_CAMPAIGNS } from './fields';
import { toList, toRecord } from './read';
import { normalizeCampaign } from './records';
import type { AtlasContext } from './transport';
import { ATLAS_PATHS, atlasRequest } from './transport';

/** Entries per page of the campaign picker. Atlas has no paging: pages are cut here. */
const PAGE_SIZE = 100;

export const ALL_CAMPAIGNS_ENTRY = { name: 'All Campaigns', value: ALL_CAMPAIGNS };

/** Every campaign of the account, normalized (`id`, `name` plus Atlas's own fields). */
export async function listCampaigns(this: AtlasContext): Promise<IDataObject[]> {
	const answer = await atlasRequest.call(this, { method: 'GET', path: ATLAS_PATHS.campaigns });
	return toList(answer).map(normalizeCampaign);
}

export async function getCampaign(this: AtlasContext, campaignId: string): Promise<IDataObject> {
	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: ATLAS_PATHS.campaign(campaignId),
		notFound: `Campaign "${campaignId}"`,
	});
	const record = toRecord(answer);
	if (!record) {
		return normalizeCampaign({ id: campaignId });
	}
	return normalizeCampaign(record);
}

function matches(filter: string, ...values: Array<unknown>): boolean {
	return values.some((value) => typeof value === 'string' && value.toLowerCase().includes(filter));
}

async function campaignResults(
	ctx: ILoadOptionsFunctions,
	filter: string | undefined,
	paginationToken: string | undefined,
	withAll: boolean,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const campaigns = (await listCampaigns.call(ctx))
		.filter((campaign) => typeof campaign.id === 'string' && campaign.id !== '')
		.filter((campaign) => !needle || matches(needle, campaign.name, campaign.id))
		.map((campaign) => ({ name: String(campaign.name ?? campaign.id), value: String(campaign.id) }))
		.sort((a, b) => a.name.localeCompare(b.name));

	const offset = Math.max(0, Number.parseInt(paginationToken ?? '0', 10) || 0);
	const results = campaigns.slice(offset, offset + PAGE_SIZE);
	if (withAll && offset === 0 && (!needle || matches(needle, ALL_CAMPAIGNS_ENTRY.name, ALL_CAMPAIGNS))) {
		results.unshift({ ...ALL_CAMPAIGNS_ENTRY });
	}
	const next = offset + PAGE_SIZE;
	return next < campaigns.length ? { results, paginationToken: String(next) } : { results };
}

/**
 * listSearch method for campaign resource locators: the account's campaigns whose name or ID
 * contains the filter text, sorted by name.
 */
export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await campaignResults(this, filter, paginationToken, false);
}

/** Like searchCampaigns, with an "All Campaigns" (`*`) entry first, for webhook subscriptions. */
export async function searchCampaignsOrAll(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await campaignResults(this, filter, paginationToken, true);
}
