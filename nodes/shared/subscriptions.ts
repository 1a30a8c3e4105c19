import type { IDataObject } from 'n8n-workflow';

import { FIELD_ALIASES, ALL_CAMPAIGNS } from './fields';
import { foldRecord, pickString, toList } from './read';
import type { AtlasContext } from './transport';
import { ATLAS_PATHS, atlasRequest } from './transport';

/** The four values Atlas identifies a subscription by: unsubscribing needs all four again. */
export interface Subscription {
	hookUrl: string;
	campaignId: string;
	triggerName: string;
	provider: string;
}

/** What this package subscribes as: "custom" is Atlas's provider for direct API use. */
export const PROVIDER = 'custom';

function campaignLabel(campaignId: string): string {
	return campaignId === ALL_CAMPAIGNS ? 'all campaigns' : `campaign "${campaignId}"`;
}

export async function subscribe(this: AtlasContext, subscription: Subscription): Promise<IDataObject> {
	const answer = await atlasRequest.call(this, {
		method: 'POST',
		path: ATLAS_PATHS.subscribe,
		body: { ...subscription },
		notFound: `Campaign "${subscription.campaignId}"`,
	});
	return (typeof answer === 'object' && answer !== null ? answer : {}) as IDataObject;
}

/** Unsubscribes; answers false when Atlas no longer had it (404), which counts as done. */
export async function unsubscribe(this: AtlasContext, subscription: Subscription): Promise<boolean> {
	const answer = await atlasRequest.call(this, {
		method: 'DELETE',
		path: ATLAS_PATHS.unsubscribe,
		body: { ...subscription },
		allowNotFound: true,
	});
	return answer !== undefined;
}

/** Subscriptions Atlas holds for one campaign, or for every campaign with "*". [guess] path. */
export async function listSubscriptions(this: AtlasContext, campaignId: string): Promise<Subscription[]> {
	const answer = await atlasRequest.call(this, {
		method: 'GET',
		path: ATLAS_PATHS.listWebhooks,
		qs: campaignId === ALL_CAMPAIGNS ? {} : { campaignId },
		notFound: campaignLabel(campaignId).replace(/^c/, 'C'),
	});
	return toList(answer).map(normalizeSubscription);
}

export function normalizeSubscription(raw: IDataObject): Subscription & IDataObject {
	const folded = foldRecord(raw);
	return {
		...raw,
		hookUrl: pickString(folded, ...FIELD_ALIASES.hookUrl) ?? '',
		campaignId: pickString(folded, ...FIELD_ALIASES.campaignId) ?? '',
		triggerName: pickString(folded, ...FIELD_ALIASES.triggerName) ?? '',
		provider: pickString(folded, ...FIELD_ALIASES.provider) ?? PROVIDER,
	};
}

export function describeSubscription(subscription: Pick<Subscription, 'campaignId' | 'triggerName'>): string {
	return `"${subscription.triggerName}" for ${campaignLabel(subscription.campaignId)}`;
}

export function sameSubscription(a: Subscription, b: Subscription): boolean {
	return (
		a.hookUrl === b.hookUrl &&
		a.campaignId === b.campaignId &&
		a.triggerName === b.triggerName &&
		a.provider === b.provider
	);
}
