import type { IHookFunctions } from 'n8n-workflow';

import { describeSubscription, unsubscribe } from '../../shared/api/subscriptions';
import type { Subscription } from '../../shared/model/subscription';
import { mapSettled } from '../../shared/util/concurrency';
import { errorText } from '../../shared/util/errors';
import { readTriggerParameters } from '../parameters';
import { logRemovedAtAtlas, subscribedAtAtlas } from './atAtlas';
import type { Account, StoredSubscription, TriggerState } from './state';
import { rebuild, stored, subscriptionKey } from './state';

/*
 * What earlier activations left (recorded, or listed at Atlas at this trigger's address) and
 * removing it: after create() made the new subscriptions, and on remove().
 */

/** Subscriptions made or removed at once: fast activation without a burst Atlas might refuse. */
export const SUBSCRIBE_CONCURRENCY = 8;

function warnLost(ctx: IHookFunctions, lost: StoredSubscription[]): void {
	if (lost.length === 0) return;
	ctx.logger.warn(
		`Atlas Trigger: ${lost.length} subscription(s) made with a previous api-key (or Atlas address) of the credential could not be rebuilt to be removed; Atlas may keep them, and this trigger answers them 401. Remove them with the Atlas node: Webhook > Clean Up Orphaned Subscriptions`,
		{
			workflowId: ctx.getWorkflow().id,
			node: ctx.getNode().name,
			subscriptions: lost.map(describeSubscription),
		},
	);
}

type Removal = { record: StoredSubscription; subscription: Subscription };

/** The campaigns worth asking Atlas about: those recorded and those wanted now. */
function campaignsOf(ctx: IHookFunctions, records: Array<{ campaignId: string }>): string[] {
	let wantedNow: string[] = [];
	try {
		wantedNow = readTriggerParameters(ctx).campaignIds;
	} catch (error) {
		ctx.logger.debug(`Atlas Trigger: no campaigns in the parameters (${errorText(error)})`);
	}
	return [...new Set([...records.map((record) => record.campaignId), ...wantedNow])];
}

/**
 * What to remove: the recorded subscriptions that can be rebuilt, and those Atlas lists at this
 * node's address that are not recorded nor to be kept (made with another api-key, or missed by
 * a copy of static data written back across an edit). When Atlas cannot list, only the record
 * counts, and the ones made with another api-key are reported.
 */
export async function toRemove(
	ctx: IHookFunctions,
	state: TriggerState,
	records: StoredSubscription[],
	current: Account,
	webhookUrl: string | undefined,
	keep: Subscription[],
): Promise<{ removals: Removal[]; unrecorded: Subscription[] }> {
	const { subscriptions: rebuilt, lost } = rebuild(state, records, current);
	const listed = webhookUrl
		? await subscribedAtAtlas(ctx, webhookUrl, campaignsOf(ctx, records))
		: undefined;
	if (listed === undefined) warnLost(ctx, lost);
	const known = new Set([...keep, ...rebuilt.map((r) => r.subscription)].map(subscriptionKey));
	const unrecorded = (listed ?? []).filter((sub) => !known.has(subscriptionKey(sub)));
	const removals = [
		...rebuilt,
		// recorded with their hookUrl if they cannot be removed now, so deactivation retries them
		...unrecorded.map((subscription) => ({
			record: { ...stored(subscription), hookUrl: subscription.hookUrl },
			subscription,
		})),
	];
	return { removals, unrecorded };
}

/** Removes what earlier activations left; what cannot be removed yet stays recorded. */
export async function removeEarlier(
	ctx: IHookFunctions,
	state: TriggerState,
	earlier: StoredSubscription[],
	made: Subscription[],
	current: Account,
	webhookUrl: string,
): Promise<void> {
	const { removals, unrecorded } = await toRemove(ctx, state, earlier, current, webhookUrl, made);
	const stillThere = await removeAll(ctx, removals);
	logRemovedAtAtlas(
		ctx,
		unrecorded.filter((sub) => !stillThere.some((left) => left.subscription === sub)),
		'that earlier activations of this trigger left at Atlas (made with another api-key, or not recorded)',
	);
	if (stillThere.length === 0) return;
	// kept recorded so that deactivation tries again; the new ones already work
	state.subscriptions = [...made.map(stored), ...stillThere.map((s) => s.record)];
	ctx.logger.warn(
		`Atlas Trigger: ${stillThere.length} subscription(s) from an earlier activation could not be removed yet; deactivation will try again`,
		{ workflowId: ctx.getWorkflow().id, node: ctx.getNode().name },
	);
}

/** Unsubscribes each; answers those that could not be removed. */
export async function removeAll<T extends Subscription | { subscription: Subscription }>(
	ctx: IHookFunctions,
	subscriptions: T[],
): Promise<T[]> {
	const results = await mapSettled(
		subscriptions,
		SUBSCRIBE_CONCURRENCY,
		async (s) => await unsubscribe.call(ctx, 'subscription' in s ? s.subscription : s),
	);
	return results.filter((result) => !result.ok).map((result) => result.input);
}
