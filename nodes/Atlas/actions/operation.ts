import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Watermark } from './watermark';

/*
 * What an operation of the Atlas node is: its parameters and what it does for one input item.
 * The router (router.ts) owns the item loop, pairing and Continue On Fail.
 */

/** An output item that also carries binary data (e.g. a downloaded recording). */
export class BinaryItem {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

/** A result of an operation that runs once for all items (perNode), paired to the item it is about. */
export class ForItem {
	constructor(
		readonly itemIndex: number,
		readonly json: IDataObject,
	) {}
}

export type OperationResult = IDataObject | BinaryItem | ForItem;

/**
 * Thrown when an operation did part of its work: `items` say what happened to each part. With
 * Continue On Fail the router outputs them; without, the error stops the node.
 */
export class PartialFailure extends Error {
	constructor(
		readonly error: Error,
		readonly items: OperationResult[],
	) {
		super(error.message);
	}
}

/**
 * Call > Schedule's record of one workflow execution: how many calls it sent (the cap) and which
 * numbers it scheduled (never twice). Kept per n8n execution, not per run of the node, so an AI
 * agent calling the node as a tool many times, a loop, or a retry of the node share one.
 */
export class ScheduleLedger {
	/** Schedule requests sent to Atlas in this execution (the Max Calls Per Execution cap). */
	sent = 0;
	/** `campaignId` + E.164 number → the item (1-based) that scheduled it. */
	readonly scheduled = new Map<string, number>();
}

/** Call > Delete and Contact > Erase: call records deleted in one execution (their cap). */
export class DeletionLedger {
	deleted = 0;
}

/**
 * Ledgers of recent executions by kind and scope, oldest first; bounded so a long-running n8n
 * does not grow.
 */
const LEDGERS = new Map<string, unknown>();
const LEDGERS_MAX = 1500;

function ledgerFor<T>(key: string, make: () => T): T {
	let ledger = LEDGERS.get(key) as T | undefined;
	if (!ledger) {
		ledger = make();
		LEDGERS.set(key, ledger);
		if (LEDGERS.size > LEDGERS_MAX) LEDGERS.delete(LEDGERS.keys().next().value as string);
	}
	return ledger;
}

/** What the items of one execution of the node share. */
export class ExecutionRun {
	/**
	 * @param scope the n8n execution and node this run belongs to ('' when unknown: the ledger
	 * then lives as long as this run).
	 */
	constructor(private readonly scope = '') {}

	/** Call > Schedule's cap and never-twice record for this execution. */
	get schedules(): ScheduleLedger {
		return this.ledger('schedules', () => new ScheduleLedger());
	}

	/** The deletions of this execution (Max Deletions Per Execution), shared like `schedules`. */
	get deletions(): DeletionLedger {
		return this.ledger('deletions', () => new DeletionLedger());
	}

	private readonly own = new Map<string, unknown>();

	/**
	 * The ledger of `kind` for this n8n execution and node (Schedule's, the deletions', Campaign
	 * control's cap in campaign/cap.ts): shared by every run of the node in the execution.
	 */
	ledger<T>(kind: string, make: () => T): T {
		if (this.own.has(kind)) return this.own.get(kind) as T;
		const ledger = this.scope ? ledgerFor(`${kind}\n${this.scope}`, make) : make();
		this.own.set(kind, ledger);
		return ledger;
	}

	/** One time for every item of this execution (Get Many Since Last Run's next mark). */
	readonly startedAt = Date.now();

	/** Get Many Since Last Run: the marks earlier items of this execution staged (marks.ts). */
	readonly sinceLastRun = new Map<string, Watermark>();

	/** Answer the Agent: the agent's request is answered once, by the first item. */
	answered = false;

	private readonly commits: Array<() => void> = [];

	/** Runs `commit` once every item is done and the node succeeds (e.g. saving a mark). */
	onSuccess(commit: () => void): void {
		this.commits.push(commit);
	}

	commit(): void {
		for (const commit of this.commits) commit();
	}
}

export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
	run: ExecutionRun,
) => Promise<OperationResult[]>;

export interface AtlasOperation {
	/** The operation's parameters, each shown only for its resource and operation. */
	description: INodeProperties[];
	execute: OperationExecute;
	/**
	 * Runs once for all input items (Knowledge > Sync): the router calls it for the first item
	 * only; it reads every item itself and pairs each result with ForItem.
	 */
	perNode?: boolean;
}

/** displayOptions that show a parameter for one resource and some of its operations. */
export function showFor(
	resource: string,
	...operation: string[]
): INodeProperties['displayOptions'] {
	return { show: { resource: [resource], operation } };
}
