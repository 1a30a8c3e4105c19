import type { INodeProperties } from 'n8n-workflow';

import { listCampaigns } from '../../../shared/api/campaigns';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { applyLimit } from '../parameters';
import { returnAllAndLimit, simplifyProperty } from '../properties';

export const description: INodeProperties[] = [
	...returnAllAndLimit(showFor('campaign', 'getAll')),
	simplifyProperty(showFor('campaign', 'getAll'), 'campaignId, name, ...'),
];

export const execute: OperationExecute = async function (this, itemIndex) {
	return applyLimit(this, itemIndex, await listCampaigns.call(this));
};
