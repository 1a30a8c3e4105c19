import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Watermark } from './call/getManySinceLastRun';

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

/** What the items of one execution of the node share. */
export class ExecutionRun {
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
