import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { listCampaigns } from '../../../../shared/api/campaigns';
import {
	describeSubscription,
	listSubscriptions,
	unsubscribe,
} from '../../../../shared/api/subscriptions';
import { ALL_CAMPAIGNS } from '../../../../shared/atlas/events';
import type { Subscription } from '../../../../shared/model/subscription';
import { sameSubscription } from '../../../../shared/model/subscription';
import { mapSettled } from '../../../../shared/util/concurrency';
import { errorText } from '../../../../shared/util/errors';
import { redactToken } from '../../../../shared/util/redact';
import type { OperationExecute } from '../../operation';
import { PartialFailure, showFor } from '../../operation';
import { probeHookUrl } from './probe';
import type { Verdict } from './verdict';
import { NOT_A_TRIGGER_ADDRESS, verdict } from './verdict';
import {
	detectWebhookBaseUrl,
	isTriggerAddress,
	isUnder,
	normalizeBaseUrl,
} from './webhookBaseUrl';

/*
 * Webhook > Clean Up Orphaned Subscriptions: the subscriptions pointing at THIS n8n that no
 * active workflow owns any more (left by a crash, an import, a deleted workflow, a changed
 * WEBHOOK_URL) are found by asking n8n (probe.ts) and removed unless Dry Run is on. Addresses
 * elsewhere are never touched, and tokens never appear in the output (`token=***`).
 */

const CONCURRENCY = 4;
/** An orphan is checked again after this pause before it is removed: a workflow being activated
 * at that moment (subscribed, token not saved yet) keeps its subscription. */
const RECHECK_DELAY_MS = 1_500;

const show = showFor('webhook', 'cleanUpOrphans');

export const description: INodeProperties[] = [
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: true,
		description:
			'Whether to only list the subscriptions pointing at this n8n, each with "orphan" true or false and the reason, without removing anything. Turn off to remove the orphaned ones.',
		displayOptions: show,
	},
	{
		displayName: 'Options',
		name: 'cleanupOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Where to look for orphaned subscriptions',
		displayOptions: show,
		options: [
			{
				displayName: 'Webhook Base URL',
				name: 'webhookBaseUrl',
				type: 'string',
				default: '',
				placeholder: 'e.g. https://n8n.example.com/',
				description:
					'The address of this n8n that Atlas sends events to (WEBHOOK_URL). Leave empty to use the one n8n reports. Enter an earlier address to clean up after WEBHOOK_URL changed, as long as it still reaches this n8n. Only subscriptions under this address are checked; others are never touched.',
			},
		],
	},
];

interface Row {
	subscription: Subscription;
	verdict: Verdict;
}

function webhookBaseUrl(ctx: IExecuteFunctions, itemIndex: number): string {
	const options = ctx.getNodeParameter('cleanupOptions', itemIndex, {}) as IDataObject;
	const given = typeof options.webhookBaseUrl === 'string' ? options.webhookBaseUrl.trim() : '';
	const base = given ? normalizeBaseUrl(given) : detectWebhookBaseUrl(ctx, itemIndex);
	if (base) return base;
	throw new NodeOperationError(
		ctx.getNode(),
		given
			? `Webhook Base URL "${given}" is not a web address`
			: "Could not find this n8n's webhook address",
		{
			itemIndex,
			description:
				'Enter the address Atlas sends events to, as in WEBHOOK_URL (n8n 1.x) or N8N_WEBHOOK_URL (n8n 2.35 and later), e.g. https://n8n.example.com/, in the option Webhook Base URL.',
		},
	);
}

/** Every subscription of the account: the all-campaigns list plus each campaign's, once each. */
async function allSubscriptions(ctx: IExecuteFunctions): Promise<Subscription[]> {
	const found: Subscription[] = [...(await listSubscriptions.call(ctx, ALL_CAMPAIGNS))];
	// [guess] whether the "*" list holds every campaign's subscriptions is not documented: ask each too
	const ids = (await listCampaigns.call(ctx))
		.map((campaign) => (typeof campaign.campaignId === 'string' ? campaign.campaignId : ''))
		.filter((id) => id && id !== ALL_CAMPAIGNS);
	const lists = await mapSettled(
		ids,
		CONCURRENCY,
		async (id) => await listSubscriptions.call(ctx, id),
	);
	for (const list of lists) {
		if (!list.ok) throw list.error;
		found.push(...list.value);
	}
	return found.filter(
		(sub, index) => found.findIndex((known) => sameSubscription(known, sub)) === index,
	);
}

/** Each subscription with what n8n's answer to an empty delivery says about it. */
async function check(ctx: IExecuteFunctions, subscriptions: Subscription[]): Promise<Row[]> {
	const results = await mapSettled(
		subscriptions,
		CONCURRENCY,
		async (subscription): Promise<Row> => {
			if (!isTriggerAddress(subscription.hookUrl))
				return { subscription, verdict: NOT_A_TRIGGER_ADDRESS };
			return {
				subscription,
				verdict: verdict(await probeHookUrl(ctx, subscription.hookUrl), subscription.hookUrl),
			};
		},
	);
	return results.map((result) =>
		result.ok
			? result.value
			: {
					subscription: result.input,
					verdict: verdict({ ok: false, failure: 'no answer' }, result.input.hookUrl),
				},
	);
}

/** Checks the orphans once more after a pause; one that answers otherwise now is kept. */
async function recheck(ctx: IExecuteFunctions, rows: Row[]): Promise<void> {
	const orphans = rows.filter((row) => row.verdict.orphan);
	if (orphans.length === 0) return;
	await sleep(RECHECK_DELAY_MS);
	const again = await check(
		ctx,
		orphans.map((row) => row.subscription),
	);
	orphans.forEach((row, index) => {
		if (!again[index].verdict.orphan) row.verdict = again[index].verdict;
	});
}

function output(row: Row, dryRun: boolean, action: string, extra: IDataObject = {}): IDataObject {
	return {
		orphan: row.verdict.orphan,
		action,
		reason: row.verdict.reason,
		hookUrl: redactToken(row.subscription.hookUrl),
		campaignId: row.subscription.campaignId,
		triggerName: row.subscription.triggerName,
		provider: row.subscription.provider,
		checkStatus: row.verdict.status,
		dryRun,
		...extra,
	};
}

export const execute: OperationExecute = async function (this, itemIndex) {
	const dryRun = this.getNodeParameter('dryRun', itemIndex, true) as boolean;
	const base = webhookBaseUrl(this, itemIndex);
	const ours = (await allSubscriptions(this)).filter((sub) => isUnder(sub.hookUrl, base));
	const rows = await check(this, ours);
	if (dryRun)
		return rows.map((row) => output(row, dryRun, row.verdict.orphan ? 'would remove' : 'keep'));

	await recheck(this, rows);
	const confirmed = rows.filter((row) => row.verdict.orphan);
	const removals = await mapSettled(
		confirmed,
		CONCURRENCY,
		async (row) => await unsubscribe.call(this, row.subscription),
	);
	const items = rows.map((row) => {
		const removal = removals.find((r) => r.input === row);
		if (!removal) return output(row, dryRun, 'keep', { removed: false });
		if (removal.ok)
			return output(row, dryRun, 'removed', { removed: true, existed: removal.value });
		return output(row, dryRun, 'remove failed', {
			removed: false,
			error: errorText(removal.error),
		});
	});

	const failures = removals.filter((removal) => !removal.ok);
	if (failures.length === 0) return items;
	const first = failures[0];
	throw new PartialFailure(
		new NodeOperationError(
			this.getNode(),
			`${failures.length} of ${confirmed.length} orphaned Atlas subscription(s) could not be removed (${removals.length - failures.length} removed)`,
			{
				itemIndex,
				description: `Could not remove ${failures.map((f) => describeSubscription(f.input.subscription)).join(', ')}: ${first.ok ? '' : errorText(first.error)}. Run the node again later; with Dry Run on it lists what is left.`,
			},
		),
		items,
	);
};
