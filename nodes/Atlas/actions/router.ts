import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { callOperations } from './call';
import { campaignOperations } from './campaign';
import { chatOperations } from './chat';
import type { NodeRun, Operation } from './utils';
import { BinaryItem } from './utils';
import { webhookOperations } from './webhook';

const OPERATIONS: Record<string, Record<string, Operation>> = {
	webhook: webhookOperations,
	campaign: campaignOperations,
	call: callOperations,
	chat: chatOperations,
};

/** Runs the chosen operation once per input item; every output item is paired to its input. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	const commits: Array<() => void> = [];
	const run: NodeRun = { onSuccess: (commit) => commits.push(commit), shared: new Map() };

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const handler = OPERATIONS[resource]?.[operation];
			if (!handler) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" is not known for the resource "${resource}"`,
					{ itemIndex, description: 'Pick the resource and the operation again in the node.' },
				);
			}
			const results = await handler.call(this, itemIndex, run);
			for (const result of results) {
				returnData.push(
					result instanceof BinaryItem
						? { json: result.json, binary: result.binary, pairedItem: { item: itemIndex } }
						: { json: result, pairedItem: { item: itemIndex } },
				);
			}
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({
					json: { error: error instanceof Error ? error.message : String(error) },
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			// Atlas errors arrive mapped (NodeApiError); anything else is wrapped. Either way the
			// error says which item failed.
			const failure =
				error instanceof NodeApiError || error instanceof NodeOperationError
					? error
					: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			if (failure.context.itemIndex === undefined) failure.context.itemIndex = itemIndex;
			throw failure;
		}
	}

	// Only a node that succeeded moves its state on (Get Many Since Last Run's watermark); with
	// Continue On Fail, a failed item has registered nothing.
	for (const commit of commits) commit();
	return [returnData];
}
