import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listCampaigns } from '../../shared/api/campaigns';
import type { CampaignKind } from '../../shared/atlas/campaignKinds';
import { campaignKind } from '../../shared/atlas/campaignKinds';
import { isArchived } from '../../shared/model/campaign';

/*
 * The picker of Call > Schedule: the campaigns that can place calls first (outbound, then those
 * whose kind Atlas does not say), then the others, marked "(inbound)" or "(chat)", so a user sees
 * why scheduling a call there would be refused. Sorted by name within each group; archived
 * campaigns are left out, as in every picker.
 */

const ORDER: Record<CampaignKind, number> = { outbound: 0, unknown: 1, inbound: 2, chat: 3 };
const MARK: Record<CampaignKind, string> = {
	outbound: '',
	unknown: '',
	inbound: ' (inbound)',
	chat: ' (chat)',
};

export async function searchCallingCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const entries = (await listCampaigns.call(this))
		.filter((campaign) => typeof campaign.campaignId === 'string' && campaign.campaignId !== '')
		.filter((campaign) => !isArchived(campaign))
		.map((campaign) => {
			const id = String(campaign.campaignId);
			return { name: String(campaign.name ?? id), value: id, kind: campaignKind(campaign) };
		})
		.filter(
			(entry) =>
				!needle ||
				entry.name.toLowerCase().includes(needle) ||
				entry.value.toLowerCase().includes(needle),
		)
		.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.name.localeCompare(b.name));
	return {
		results: entries.map(({ name, value, kind }) => ({ name: `${name}${MARK[kind]}`, value })),
	};
}
