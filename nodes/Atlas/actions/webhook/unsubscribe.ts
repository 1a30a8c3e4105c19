import type { INodeProperties } from 'n8n-workflow';

import { unsubscribe } from '../../../shared/api/subscriptions';
import type { OperationExecute } from '../operation';
import { readSubscriptionParameters, subscriptionProperties } from './subscriptionParameters';

export const description: INodeProperties[] = subscriptionProperties('unsubscribe');

export const execute: OperationExecute = async function (this, itemIndex) {
	const subscription = readSubscriptionParameters(this, itemIndex);
	// Atlas answering "not found" means there is nothing left to remove: the goal is reached.
	const existed = await unsubscribe.call(this, subscription);
	return [{ unsubscribed: true, existed, ...subscription }];
};
