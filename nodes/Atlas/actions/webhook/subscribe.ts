import type { INodeProperties } from 'n8n-workflow';

import { subscribe } from '../../../shared/api/subscriptions';
import { subscriptionItem } from '../../../shared/model/subscription';
import type { OperationExecute } from '../operation';
import { readSubscriptionParameters, subscriptionProperties } from './subscriptionParameters';

export const description: INodeProperties[] = subscriptionProperties('subscribe');

export const execute: OperationExecute = async function (this, itemIndex) {
	const subscription = readSubscriptionParameters(this, itemIndex);
	const answer = await subscribe.call(this, subscription);
	return [{ subscribed: true, ...subscriptionItem(answer, subscription) }];
};
