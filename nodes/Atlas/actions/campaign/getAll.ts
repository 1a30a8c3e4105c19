import type { INodeProperties } from 'n8n-workflow';

import { listCampaigns } from '../../../shared/api/campaigns';
import { isArchived } from '../../../shared/model/campaign';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { applyLimit } from '../parameters';
import { returnAllAndLimit, simplifyProperty } from '../properties';

const show = showFor('campaign', 'getAll');

export const description: INodeProperties[] = [
	...returnAllAndLimit(show),
	{
		displayName: 'Include Archived',
		name: 'includeArchived',
		type: 'boolean',
		default: false,
		description:
			'Whether to return archived campaigns too (Atlas lists them with Status "archived"; the campaign pickers never show them)',
		displayOptions: show,
	},
	simplifyProperty(show, 'campaignId, name, ...'),
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const includeArchived = this.getNodeParameter('includeArchived', itemIndex, false) === true;
	const campaigns = await listCampaigns.call(this);
	return applyLimit(
		this,
		itemIndex,
		includeArchived ? campaigns : campaigns.filter((campaign) => !isArchived(campaign)),
	);
};
