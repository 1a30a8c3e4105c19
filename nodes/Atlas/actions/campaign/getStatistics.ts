import type { INodeProperties } from 'n8n-workflow';

import { fetchStatistics } from '../../../shared/api/campaigns';
import { ALL_CAMPAIGNS } from '../../../shared/atlas/events';
import { statisticsItems } from '../../../shared/model/statistics';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { campaignIdParameter } from '../parameters';
import { campaignOrAllLocator, simplifyProperty } from '../properties';

const show = showFor('campaign', 'getStatistics');

export const description: INodeProperties[] = [
	campaignOrAllLocator(
		show,
		'One campaign, or "All Campaigns": then one item per campaign when Atlas breaks its answer down by campaign, else one item for the account',
	),
	simplifyProperty(show, 'campaignId, totalCalls, bookings, ...'),
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const campaignId =
		campaignIdParameter(this, itemIndex, { allowAll: true, optional: true }) || ALL_CAMPAIGNS;
	return statisticsItems(await fetchStatistics.call(this, campaignId), campaignId);
};
