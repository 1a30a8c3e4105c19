import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toRecord } from '../../../shared/model/read';
import { receipt } from '../../../shared/model/values';
import type { ExecutionRun } from '../operation';
import { nonNegativeNumber } from '../parameters';

/*
 * Campaign > Turn On / Turn Off / Update Agent / Delete: a per-execution cap on the distinct
 * campaigns changed (a mis-wired loop, or an AI agent calling the node as a tool again and again,
 * cannot switch off or delete campaigns at scale), and never the same change twice: the same
 * campaign turned off by 50 items of a sheet is one request; the other items answer
 * `alreadyDone: true`. Kept per n8n execution (ExecutionRun.ledger), like Call > Delete's cap.
 */

/** Turn On, Turn Off and Update Agent: they can be undone, and one run may well touch a few. */
export const DEFAULT_MAX_CONTROLLED = 10;
/** Delete: it cannot be undone, and takes the agent with it; one per execution unless raised. */
export const DEFAULT_MAX_DELETED = 1;

const LABEL = 'Max Campaigns Per Execution';

/** What a change does to a campaign: the cap it counts against and what it is in words. */
export interface CampaignChange {
	campaignId: string;
	/** 'delete' counts against Delete's cap; the others against one shared control cap. */
	kind: 'status' | 'agent' | 'delete';
	/** The change itself (e.g. "off", the settings sent): the same one again is not sent. */
	signature: string;
	/** E.g. 'turn campaign "cmp_1" off', for errors and `reason`. */
	words: string;
	/** What the receipt says was done (e.g. `{ campaignId, enabled: false }`). */
	done: IDataObject;
}

interface Done {
	signature: string;
	/** 1-based item that made the change. */
	item: number;
	/** Resolves when the request of that item is answered (a concurrent tool call waits for it). */
	settled: Promise<void>;
}

class CampaignLedger {
	/** Campaigns turned on/off or whose agent was changed, in this execution. */
	readonly controlled = new Set<string>();
	readonly deleted = new Set<string>();
	/** `kind` + campaignId → the last change sent (or being sent). */
	readonly last = new Map<string, Done>();
}

const ledgerOf = (run: ExecutionRun) => run.ledger('campaignChanges', () => new CampaignLedger());

/** The Max Campaigns Per Execution option of Turn On, Turn Off and Update Agent. */
const maxControlledOption: INodeProperties = {
	displayName: LABEL,
	name: 'maxCampaigns',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_MAX_CONTROLLED,
	description:
		'Stop with an error, before sending, once this many different campaigns would be turned on, turned off or have their agent changed in one workflow execution, so a mis-wired loop or an AI agent cannot switch campaigns at scale. The same change to the same campaign is sent once.',
};

/** The Max Campaigns Per Execution option of Delete. */
const maxDeletedOption: INodeProperties = {
	displayName: LABEL,
	name: 'maxCampaigns',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_MAX_DELETED,
	description:
		'Stop with an error, before deleting, once this many different campaigns would be deleted in one workflow execution, so a mis-wired loop or an AI agent cannot delete campaigns at scale. The same campaign named again is not deleted twice.',
};

/** The operation's Options collection holding the cap. */
export function capOptions(
	displayOptions: INodeProperties['displayOptions'],
	deleting: boolean,
): INodeProperties {
	return {
		displayName: 'Options',
		name: deleting ? 'campaignDeleteOptions' : 'campaignControlOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Safety options: they apply when not added, with the defaults shown',
		displayOptions,
		options: [deleting ? maxDeletedOption : maxControlledOption],
	};
}

function maxOf(ctx: IExecuteFunctions, itemIndex: number, deleting: boolean): number {
	const options = ctx.getNodeParameter(
		deleting ? 'campaignDeleteOptions' : 'campaignControlOptions',
		itemIndex,
		{},
	) as IDataObject;
	const fallback = deleting ? DEFAULT_MAX_DELETED : DEFAULT_MAX_CONTROLLED;
	const n = nonNegativeNumber(ctx, itemIndex, options.maxCampaigns, LABEL, fallback);
	return Math.max(1, Math.floor(n));
}

/**
 * Makes `change` at most once per execution and within the cap: `send` runs only when this
 * campaign was not already changed the same way by an earlier item (then the answer is
 * `alreadyDone`) and the cap allows one more campaign (else it throws before anything is sent).
 */
export async function changeCampaignOnce(
	ctx: IExecuteFunctions,
	itemIndex: number,
	run: ExecutionRun,
	change: CampaignChange,
	send: () => Promise<unknown>,
): Promise<IDataObject> {
	const ledger = ledgerOf(run);
	const key = `${change.kind}\n${change.campaignId}`;
	// a concurrent call (an AI agent's tools) making the same change: wait for its answer
	for (let earlier = ledger.last.get(key); earlier;) {
		await earlier.settled;
		const now = ledger.last.get(key);
		if (now === earlier) break;
		earlier = now;
	}
	const earlier = ledger.last.get(key);
	if (earlier && earlier.signature === change.signature) {
		return {
			...change.done,
			alreadyDone: true,
			reason: `Item ${earlier.item} of this execution already did this (${change.words}); no second request was sent to Atlas.`,
		};
	}

	const deleting = change.kind === 'delete';
	const counted = deleting ? ledger.deleted : ledger.controlled;
	if (!counted.has(change.campaignId)) {
		const max = maxOf(ctx, itemIndex, deleting);
		if (counted.size + 1 > max) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Stopped before sending (item ${itemIndex + 1}: ${change.words}): this execution already ${deleting ? 'deleted' : 'changed'} ${counted.size} other campaign(s), and one more would pass the ${LABEL} (${max})`,
				{
					itemIndex,
					description: `Nothing was sent to Atlas for this item. If you mean to ${deleting ? 'delete' : 'turn on, turn off or change'} more campaigns in one execution, raise ${LABEL} in the node's options. If not, check the loop, or the AI agent, that feeds this node.`,
				},
			);
		}
	}

	// reserved before sending, so that a concurrent call counts it too; undone if it fails
	const wasCounted = counted.has(change.campaignId);
	counted.add(change.campaignId);
	let release = () => {};
	const settled = new Promise<void>((resolve) => (release = resolve));
	const done: Done = { signature: change.signature, item: itemIndex + 1, settled };
	ledger.last.set(key, done);
	let sent = false;
	try {
		const answer = await send();
		sent = true;
		return receipt({ ...change.done, alreadyDone: false }, toRecord(answer) ?? {});
	} finally {
		if (!sent) {
			if (ledger.last.get(key) === done) {
				if (earlier) ledger.last.set(key, earlier);
				else ledger.last.delete(key);
			}
			if (!wasCounted) counted.delete(change.campaignId);
		}
		release();
	}
}

/** A stable text of an object's fields (sorted), to compare two changes. */
export function signatureOf(value: IDataObject): string {
	return JSON.stringify(
		Object.keys(value)
			.sort()
			.map((key) => [key, value[key]]),
	);
}
