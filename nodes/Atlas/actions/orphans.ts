import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { listCampaigns } from '../../shared/campaigns';
import { mapSettled } from '../../shared/concurrency';
import { ALL_CAMPAIGNS } from '../../shared/fields';
import type { Subscription } from '../../shared/subscriptions';
import { describeSubscription, listSubscriptions, sameSubscription, unsubscribe } from '../../shared/subscriptions';
import type { ProbeResult } from './probe';
import { probeHookUrl } from './probe';
import type { Operation } from './utils';

/*
 * Webhook > Clean Up Orphaned Subscriptions. Finds the Atlas subscriptions whose hook URL points
 * at THIS n8n's webhook base URL that no active workflow owns any more (left by a crash, an
 * import, a deleted workflow, a changed WEBHOOK_URL), and removes them unless Dry Run is on.
 *
 * - This n8n's webhook base URL (WEBHOOK_URL) is read from `$execution.resumeUrl`, which n8n
 *   builds as `<webhook base URL><webhook-waiting endpoint>/<execution id>` on 1.x and 2.x
 *   alike. (`getInstanceBaseUrl()` is the webhook base URL on 1.x but the editor's on 2.x.)
 * - Only addresses an Atlas Trigger makes (`.../<id>/atlas?event=...&token=...`) are checked;
 *   anything else at this n8n (a Webhook node...) is reported and left alone, and addresses
 *   elsewhere are never touched.
 * - Checking = an empty delivery to the address (probe.ts): 200 = owned, 404 = no active workflow
 *   has it, 401 = its trigger has a newer token. Anything else (no answer, 5xx) = not decided,
 *   kept.
 * - Before removing, each orphan is checked once more after a short pause, so a workflow being
 *   activated at that moment (subscribed, token not saved yet) does not lose its subscription.
 * - Tokens never appear in the output: hook URLs are shown with `token=***`.
 */

const PROBE_CONCURRENCY = 4;
const UNSUBSCRIBE_CONCURRENCY = 4;
const LIST_CONCURRENCY = 4;
const RECHECK_DELAY_MS = 1_500;
const TRIGGER_PATH = 'atlas';

/** The hook URL with its token hidden. */
export function redactToken(hookUrl: string): string {
	return hookUrl.replace(/([?&]token=)[^&#]*/gi, '$1***');
}

/** `origin + path` with one trailing slash; undefined when not an http(s) URL. */
export function normalizeBaseUrl(value: string): string | undefined {
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		return undefined;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
	return `${url.origin}${url.pathname.replace(/\/+$/, '')}/`;
}

/**
 * This n8n's webhook base URL (WEBHOOK_URL, e.g. `https://n8n.example.com/`), from
 * `$execution.resumeUrl` (`<base>webhook-waiting/<executionId>[?signature=...]`).
 */
export function detectWebhookBaseUrl(ctx: IExecuteFunctions, itemIndex: number): string | undefined {
	let resumeUrl: unknown;
	try {
		resumeUrl = ctx.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex);
	} catch (error) {
		ctx.logger.debug(`Atlas: could not read $execution.resumeUrl (${(error as Error).message})`);
		resumeUrl = undefined;
	}
	if (typeof resumeUrl === 'string' && resumeUrl) {
		try {
			const url = new URL(resumeUrl);
			const segments = url.pathname.split('/');
			// drop the execution id and the webhook-waiting endpoint
			const base = segments.slice(0, Math.max(1, segments.length - 2)).join('/');
			return normalizeBaseUrl(`${url.origin}${base}`);
		} catch (error) {
			ctx.logger.debug(`Atlas: $execution.resumeUrl is not a URL (${(error as Error).message})`);
		}
	}
	return undefined;
}

/** Whether a hook URL is under the base URL (same origin, path below it). */
function isUnder(hookUrl: string, base: string): boolean {
	let url: URL;
	try {
		url = new URL(hookUrl);
	} catch {
		return false;
	}
	const baseUrl = new URL(base);
	return url.origin === baseUrl.origin && url.pathname.startsWith(baseUrl.pathname);
}

/** An address the Atlas Trigger makes: `<base><endpoint>/<webhookId>/atlas?event=..&token=..`. */
function isTriggerAddress(hookUrl: string): boolean {
	const url = new URL(hookUrl);
	return url.pathname.split('/').pop() === TRIGGER_PATH && !!url.searchParams.get('token') && !!url.searchParams.get('event');
}

interface Verdict {
	orphan: boolean;
	reason: string;
	status: number | null;
}

function verdict(result: ProbeResult, hookUrl: string): Verdict {
	if (!result.ok) {
		return {
			orphan: false,
			reason: `Could not be checked (${result.failure}): n8n did not answer at its own webhook address, so the subscription is kept. Check that n8n can reach its WEBHOOK_URL, or set Webhook Base URL.`,
			status: null,
		};
	}
	const { status } = result;
	const test = /\/webhook-test\//.test(new URL(hookUrl).pathname);
	if (status >= 200 && status < 300) {
		return {
			orphan: false,
			reason: test
				? 'In use: an Atlas Trigger is listening for a test event at this address'
				: 'In use: the active workflow\'s Atlas Trigger owns this address and token',
			status,
		};
	}
	if (status === 404) {
		return {
			orphan: true,
			reason: test
				? 'Orphaned: nobody is listening for a test event at this address any more (left by an interrupted "Listen for test event")'
				: 'Orphaned: no active workflow has this webhook (the workflow was deleted or deactivated, or its Atlas Trigger was removed)',
			status,
		};
	}
	if (status === 401) {
		return {
			orphan: true,
			reason: 'Orphaned: the workflow is active but its Atlas Trigger has a newer token (left by an earlier activation)',
			status,
		};
	}
	return { orphan: false, reason: `Could not be decided: n8n answered HTTP ${status}; the subscription is kept`, status };
}

/** Every subscription of the account: the all-campaigns list plus each campaign's (de-duplicated). */
async function allSubscriptions(ctx: IExecuteFunctions): Promise<Subscription[]> {
	const found: Subscription[] = [...(await listSubscriptions.call(ctx, ALL_CAMPAIGNS))];
	// [guess] whether the list endpoint without a campaign returns every campaign's subscriptions
	// is not documented: ask each campaign too.
	const campaigns = await listCampaigns.call(ctx);
	const ids = campaigns.map((c) => (typeof c.id === 'string' ? c.id : '')).filter((id) => id && id !== ALL_CAMPAIGNS);
	const lists = await mapSettled(ids, LIST_CONCURRENCY, async (id) => await listSubscriptions.call(ctx, id));
	for (const list of lists) {
		if (!list.ok) throw list.error;
		found.push(...list.value);
	}
	const unique: Subscription[] = [];
	for (const sub of found) {
		if (!unique.some((known) => sameSubscription(known, sub))) unique.push(sub);
	}
	return unique;
}

interface Row {
	sub: Subscription;
	checked: boolean;
	verdict: Verdict;
}

export const cleanUpOrphans: Operation = async function (this, itemIndex) {
	const dryRun = this.getNodeParameter('dryRun', itemIndex, true) as boolean;
	const options = this.getNodeParameter('cleanupOptions', itemIndex, {}) as IDataObject;
	const given = typeof options.webhookBaseUrl === 'string' ? options.webhookBaseUrl.trim() : '';
	const base = given ? normalizeBaseUrl(given) : detectWebhookBaseUrl(this, itemIndex);
	if (!base) {
		throw new NodeOperationError(
			this.getNode(),
			given ? `Webhook Base URL "${given}" is not a web address` : 'Could not find this n8n\'s webhook address',
			{
				itemIndex,
				description:
					'Enter the address Atlas sends events to, as in WEBHOOK_URL (n8n 1.x) or N8N_WEBHOOK_URL (n8n 2.35 and later), e.g. https://n8n.example.com/, in the option Webhook Base URL.',
			},
		);
	}

	const mine = (await allSubscriptions(this)).filter((sub) => isUnder(sub.hookUrl, base));
	const rows: Row[] = [];
	const toCheck = mine.filter((sub) => isTriggerAddress(sub.hookUrl));
	const probes = await mapSettled(toCheck, PROBE_CONCURRENCY, async (sub) => await probeHookUrl(this, sub.hookUrl));
	for (const sub of mine) {
		const index = toCheck.indexOf(sub);
		if (index === -1) {
			rows.push({
				sub,
				checked: false,
				verdict: {
					orphan: false,
					reason: 'Not an Atlas Trigger address (no event and token in it): not checked, left alone',
					status: null,
				},
			});
			continue;
		}
		const probe = probes[index];
		rows.push({ sub, checked: true, verdict: verdict(probe.ok ? probe.value : { ok: false, failure: 'no answer' }, sub.hookUrl) });
	}

	const output = (row: Row, action: string, extra: IDataObject = {}): IDataObject => ({
		orphan: row.verdict.orphan,
		action,
		reason: row.verdict.reason,
		hookUrl: redactToken(row.sub.hookUrl),
		campaignId: row.sub.campaignId,
		triggerName: row.sub.triggerName,
		provider: row.sub.provider,
		checkStatus: row.verdict.status,
		dryRun,
		...extra,
	});

	if (dryRun) {
		return rows.map((row) => output(row, row.verdict.orphan ? 'would remove' : 'keep'));
	}

	// Check the orphans once more after a pause; remove only what is still orphaned.
	const orphans = rows.filter((row) => row.verdict.orphan);
	if (orphans.length > 0) {
		await sleep(RECHECK_DELAY_MS);
		const rechecks = await mapSettled(orphans, PROBE_CONCURRENCY, async (row) => await probeHookUrl(this, row.sub.hookUrl));
		for (const recheck of rechecks) {
			const again = verdict(recheck.ok ? recheck.value : { ok: false, failure: 'no answer' }, recheck.input.sub.hookUrl);
			if (!again.orphan) recheck.input.verdict = again;
		}
	}
	const confirmed = rows.filter((row) => row.verdict.orphan);
	const removals = await mapSettled(confirmed, UNSUBSCRIBE_CONCURRENCY, async (row) => await unsubscribe.call(this, row.sub));
	const failures = removals.filter((r) => !r.ok);
	if (failures.length > 0 && !this.continueOnFail()) {
		const removed = removals.length - failures.length;
		const first = failures[0] as { error: unknown; input: Row };
		throw new NodeOperationError(
			this.getNode(),
			`${failures.length} of ${confirmed.length} orphaned Atlas subscription(s) could not be removed (${removed} removed)`,
			{
				itemIndex,
				description: `Could not remove ${failures.map((f) => describeSubscription(f.input.sub)).join(', ')}: ${(first.error as Error)?.message ?? String(first.error)}. Run the node again later; with Dry Run on it lists what is left.`,
			},
		);
	}
	return rows.map((row) => {
		const removal = removals.find((r) => r.input === row);
		if (!removal) return output(row, 'keep', { removed: false });
		if (removal.ok) return output(row, 'removed', { removed: true, existed: removal.value });
		return output(row, 'remove failed', {
			removed: false,
			error: (removal.error as Error)?.message ?? String(removal.error),
		});
	});
};
