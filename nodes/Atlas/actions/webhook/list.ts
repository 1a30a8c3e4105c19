import type { INodeProperties } from 'n8n-workflow';

import { listSubscriptions } from '../../../shared/api/subscriptions';
import { subscriptionItem } from '../../../shared/model/subscription';
import type { OperationExecute } from '../operation';
import { showFor } from '../operation';
import { campaignIdParameter } from '../parameters';
import { campaignLocator, simplifyProperty } from '../properties';

export const description: INodeProperties[] = [
	campaignLocator({ allowAll: true, displayOptions: showFor('webhook', 'list') }),
	simplifyProperty(showFor('webhook', 'list'), 'campaignId, triggerName, hookUrl, ...'),
];

export const execute: OperationExecute = async function (this, itemIndex) {
	const campaignId = campaignIdParameter(this, itemIndex, { allowAll: true });
	return (await listSubscriptions.call(this, campaignId)).map((raw) => subscriptionItem(raw));
};
