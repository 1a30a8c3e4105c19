import type { IHookFunctions } from 'n8n-workflow';

import { describeSubscription, listSubscriptions } from '../../shared/api/subscriptions';
import { ALL_CAMPAIGNS } from '../../shared/atlas/events';
import type { Subscription } from '../../shared/model/subscription';
import { mapSettled } from '../../shared/util/concurrency';
import { errorText } from '../../shared/util/errors';
import { redactToken } from '../../shared/util/redact';
import { deliversTo } from './hookUrl';
import { subscriptionKey } from './state';

/*
 * What Atlas itself holds for this trigger: the subscriptions it lists that deliver to this
 * node's webhook address, whatever token, nonce or api-key made them. Static data may not know
 * them all (a copy written back across an edit, a rotated api-key); Atlas does, where it can
 * list ([guess] endpoint, see shared/atlas/endpoints.ts).
 */

const LIST_CONCURRENCY = 4;

/**
 * The subscriptions delivering to `webhookUrl`, or undefined when Atlas cannot list them. The
 * "*" list first; when it holds other campaigns' subscriptions too, it is taken for the whole.
 */
export async function subscribedAtAtlas(
	ctx: IHookFunctions,
	webhookUrl: string,
	campaignIds: string[],
): Promise<Subscription[] | undefined> {
	let all: Subscription[];
	try {
		all = await listSubscriptions.call(ctx, ALL_CAMPAIGNS);
	} catch (error) {
		ctx.logger.info(
			`Atlas Trigger: Atlas did not list its subscriptions (${errorText(error)}); only those this trigger recorded are checked`,
			{ workflowId: ctx.getWorkflow().id, node: ctx.getNode().name },
		);
		return undefined;
	}
	const found = [...all];
	if (!all.some((sub) => sub.campaignId !== ALL_CAMPAIGNS)) {
		const others = [...new Set(campaignIds)].filter((id) => id !== ALL_CAMPAIGNS);
		const lists = await mapSettled(
			others,
			LIST_CONCURRENCY,
			async (id) => await listSubscriptions.call(ctx, id),
		);
		for (const list of lists) if (list.ok) found.push(...list.value);
	}
	const seen = new Set<string>();
	return found.filter((sub) => {
		const key = subscriptionKey(sub);
		if (seen.has(key) || !deliversTo(sub.hookUrl, webhookUrl)) return false;
		seen.add(key);
		return true;
	});
}

/** Logs what was removed from Atlas that this trigger had not recorded. */
export function logRemovedAtAtlas(ctx: IHookFunctions, removed: Subscription[], why: string): void {
	if (removed.length === 0) return;
	ctx.logger.info(`Atlas Trigger: removed ${removed.length} subscription(s) ${why}`, {
		workflowId: ctx.getWorkflow().id,
		node: ctx.getNode().name,
		subscriptions: removed.map(
			(sub) => `${describeSubscription(sub)} at ${redactToken(sub.hookUrl)}`,
		),
	});
}
