import type { IDataObject } from 'n8n-workflow';

import { ALL_CAMPAIGNS } from '../atlas/events';
import { ATLAS_PATHS, SUBSCRIPTION_GONE } from '../atlas/endpoints';
import { isRecord, toList } from '../model/read';
import type { Subscription } from '../model/subscription';
import { readSubscription } from '../model/subscription';
import { atlasRequest, type AtlasContext } from '../transport/request';
import { campaignLabel } from './campaigns';

export async function subscribe(
	this: AtlasContext,
	subscription: Subscription,
): Promise<IDataObject> {
	const answer = await atlasRequest.call(this, {
		method: 'POST',
		path: ATLAS_PATHS.subscribe,
		body: { ...subscription },
		notFound: `Campaign "${subscription.campaignId}"`,
	});
	return isRecord(answer) ? answer : {};
}

/** Unsubscribes; answers false when Atlas no longer had it (404, or a 400 saying so): done too. */
export async function unsubscribe(
	this: AtlasContext,
	subscription: Subscription,
): Promise<boolean> {
	const answer = await atlasRequest.call(this, {
		method: 'DELETE',
		path: ATLAS_PATHS.unsubscribe,
		body: { ...subscription },
		allowNotFound: true,
		notFoundWhen400Says: SUBSCRIPTION_GONE,
	});
	return answer !== undefined;
}

/** The subscriptions Atlas lists for one campaign, or for "*" (all campaigns). */
export async function listSubscriptions(
	this: AtlasContext,
	campaignId: string,
): Promise<Array<Subscription & IDataObject>> {
	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: ATLAS_PATHS.listWebhooks,
		qs: { campaignId },
		notFound: campaignId === ALL_CAMPAIGNS ? 'The subscription list' : `Campaign "${campaignId}"`,
	});
	return toList(answer).map((raw) => ({ ...raw, ...readSubscription(raw) }));
}

export function describeSubscription(
	subscription: Pick<Subscription, 'campaignId' | 'triggerName'>,
): string {
	return `"${subscription.triggerName}" for ${campaignLabel(subscription.campaignId)}`;
}
