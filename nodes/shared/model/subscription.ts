import type { IDataObject } from 'n8n-workflow';

import { FIELD_ALIASES } from '../atlas/fields';
import { foldRecord, pickString } from './read';
import { orNull, withOriginal } from './values';

/** The four values Atlas identifies a subscription by: unsubscribing needs all four again. */
export interface Subscription {
	hookUrl: string;
	campaignId: string;
	triggerName: string;
	provider: string;
}

/** What this package subscribes as: "custom" is Atlas's provider for direct API use. */
export const PROVIDER = 'custom';

/** A listed subscription's four values, whatever Atlas's casing. */
export function readSubscription(raw: IDataObject): Subscription & { subscriptionId?: string } {
	const folded = foldRecord(raw);
	return {
		subscriptionId: pickString(folded, ...FIELD_ALIASES.subscriptionId),
		hookUrl: pickString(folded, ...FIELD_ALIASES.hookUrl) ?? '',
		campaignId: pickString(folded, ...FIELD_ALIASES.campaignId) ?? '',
		triggerName: pickString(folded, ...FIELD_ALIASES.triggerName) ?? '',
		provider: pickString(folded, ...FIELD_ALIASES.provider) ?? PROVIDER,
	};
}

/** A subscription as an item: `subscriptionId` and the four values, then Atlas's own fields. */
export function subscriptionItem(raw: IDataObject, asked?: Subscription): IDataObject {
	const { subscriptionId, ...read } = readSubscription(raw);
	const four = asked ?? read;
	return withOriginal({ subscriptionId: orNull(subscriptionId), ...four }, raw);
}

export function sameSubscription(a: Subscription, b: Subscription): boolean {
	return (
		a.hookUrl === b.hookUrl &&
		a.campaignId === b.campaignId &&
		a.triggerName === b.triggerName &&
		a.provider === b.provider
	);
}
