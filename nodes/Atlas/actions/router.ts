import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { type RecordView, present, recordView } from '../../shared/model/simplify';
import { errorText } from '../../shared/util/errors';
import { actionOperations } from './action';
import { bookingOperations } from './booking';
import { callOperations } from './call';
import { campaignOperations } from './campaign';
import { chatOperations } from './chat';
import { contactOperations } from './contact';
import { knowledgeOperations } from './knowledge';
import type { AtlasOperation, OperationResult } from './operation';
import { BinaryItem, ExecutionRun, ForItem, PartialFailure } from './operation';
import { webhookOperations } from './webhook';

const OPERATIONS: Record<string, Record<string, AtlasOperation>> = {
	action: actionOperations,
	booking: bookingOperations,
	call: callOperations,
	campaign: campaignOperations,
	chat: chatOperations,
	contact: contactOperations,
	knowledge: knowledgeOperations,
	webhook: webhookOperations,
};

function operationOf(ctx: IExecuteFunctions, itemIndex: number): AtlasOperation {
	const resource = ctx.getNodeParameter('resource', itemIndex) as string;
	const operation = ctx.getNodeParameter('operation', itemIndex) as string;
	const found = OPERATIONS[resource]?.[operation];
	if (found) return found;
	throw new NodeOperationError(
		ctx.getNode(),
		`The operation "${operation}" is not known for the resource "${resource}"`,
		{
			itemIndex,
			description: 'Pick the resource and the operation again in the node.',
		},
	);
}

function paired(
	results: OperationResult[],
	itemIndex: number,
	view: RecordView = 'both',
): INodeExecutionData[] {
	return results.map((result) =>
		result instanceof ForItem
			? { json: present(result.json, view), pairedItem: { item: result.itemIndex } }
			: result instanceof BinaryItem
				? {
						json: present(result.json, view),
						binary: result.binary,
						pairedItem: { item: itemIndex },
					}
				: { json: present(result, view), pairedItem: { item: itemIndex } },
	);
}

/** Simplify as this item's parameters ask (typeVersion 1: ours, then Atlas's own fields). */
function viewOf(ctx: IExecuteFunctions, itemIndex: number): RecordView {
	const typeVersion = ctx.getNode().typeVersion;
	if (typeVersion < 2) return 'both';
	return recordView(typeVersion, ctx.getNodeParameter('simplify', itemIndex, true) as boolean);
}

/** Atlas errors arrive worded (NodeApiError); anything else is wrapped. Either way it names the item. */
function itemError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const failure =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	if (failure.context.itemIndex === undefined) failure.context.itemIndex = itemIndex;
	return failure;
}

/**
 * Runs the chosen operation once per input item; every output item is paired to its input. With
 * Continue On Fail a failed item becomes an `error` item (or, for partial work, what was done)
 * and the others go on.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	const executionId = this.getExecutionId();
	const run = new ExecutionRun(executionId ? `${executionId}\n${this.getNode().name}` : '');

	let once = false;
	for (let itemIndex = 0; itemIndex < items.length && !once; itemIndex++) {
		try {
			const operation = operationOf(this, itemIndex);
			once = operation.perNode === true;
			const results = await operation.execute.call(this, itemIndex, run);
			output.push(...paired(results, itemIndex, viewOf(this, itemIndex)));
		} catch (caught) {
			const error = caught instanceof PartialFailure ? caught.error : caught;
			if (!this.continueOnFail()) throw itemError(this, error, itemIndex);
			output.push(
				...(caught instanceof PartialFailure
					? paired(caught.items, itemIndex, viewOf(this, itemIndex))
					: [{ json: { error: errorText(error) }, pairedItem: { item: itemIndex } }]),
			);
		}
	}

	// Only a node that succeeded moves its state on (Get Many Since Last Run's mark); with
	// Continue On Fail, a failed item has registered nothing.
	run.commit();
	return [output];
}
