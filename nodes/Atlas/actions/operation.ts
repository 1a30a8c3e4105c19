import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Watermark } from './call/watermark';

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

export type OperationResult = IDataObject | BinaryItem;

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

/** Ledgers of recent executions, oldest first; bounded so a long-running n8n does not grow. */
const LEDGERS = new Map<string, ScheduleLedger>();
const LEDGERS_MAX = 500;

function ledgerFor(scope: string): ScheduleLedger {
	let ledger = LEDGERS.get(scope);
	if (!ledger) {
		ledger = new ScheduleLedger();
		LEDGERS.set(scope, ledger);
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

	private ownLedger: ScheduleLedger | undefined;

	/** Call > Schedule's cap and never-twice record for this execution. */
	get schedules(): ScheduleLedger {
		this.ownLedger ??= this.scope ? ledgerFor(this.scope) : new ScheduleLedger();
		return this.ownLedger;
	}

	/** One time for every item of this execution (Get Many Since Last Run's next mark). */
	readonly startedAt = Date.now();

	/** Get Many Since Last Run: the marks earlier items of this execution staged, per campaign. */
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
}

/** displayOptions that show a parameter for one resource and some of its operations. */
export function showFor(
	resource: string,
	...operation: string[]
): INodeProperties['displayOptions'] {
	return { show: { resource: [resource], operation } };
}
