import type { INodeProperties } from 'n8n-workflow';

import { getCampaign } from '../../../shared/api/campaigns';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { campaignIdParameter } from '../parameters';
import { campaignLocator, simplifyProperty } from '../properties';

export const description: INodeProperties[] = [
	campaignLocator({ displayOptions: showFor('campaign', 'get') }),
	simplifyProperty(showFor('campaign', 'get'), 'campaignId, name, ...'),
];

export const execute: OperationExecute = async function (this, itemIndex) {
	return [await getCampaign.call(this, campaignIdParameter(this, itemIndex))];
};
