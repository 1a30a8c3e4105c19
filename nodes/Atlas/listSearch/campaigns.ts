import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ALL_CAMPAIGNS } from '../../shared/atlas/events';
import { campaignOptions, listCampaigns } from '../../shared/api/campaigns';

/** Entries per page of the campaign picker. Atlas has no paging: pages are cut here. */
const PAGE_SIZE = 100;

const ALL_CAMPAIGNS_ENTRY = { name: 'All Campaigns', value: ALL_CAMPAIGNS };

function matches(filter: string, ...values: unknown[]): boolean {
	return values.some((value) => typeof value === 'string' && value.toLowerCase().includes(filter));
}

async function campaignResults(
	ctx: ILoadOptionsFunctions,
	filter: string | undefined,
	paginationToken: string | undefined,
	withAll: boolean,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const campaigns = campaignOptions(await listCampaigns.call(ctx)).filter(
		(option) => !needle || matches(needle, option.name, option.value),
	);
	const offset = Math.max(0, Number.parseInt(paginationToken ?? '0', 10) || 0);
	const results = campaigns.slice(offset, offset + PAGE_SIZE);
	if (
		withAll &&
		offset === 0 &&
		(!needle || matches(needle, ALL_CAMPAIGNS_ENTRY.name, ALL_CAMPAIGNS))
	) {
		results.unshift({ ...ALL_CAMPAIGNS_ENTRY });
	}
	const next = offset + PAGE_SIZE;
	return next < campaigns.length ? { results, paginationToken: String(next) } : { results };
}

/** The account's campaigns whose name or ID contains the filter text, sorted by name. */
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
