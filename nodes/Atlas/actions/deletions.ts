import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ErrorWords } from '../../shared/transport/request';
import type { ExecutionRun } from './operation';
import { nonNegativeNumber } from './parameters';

/*
 * What Call > Delete and Contact > Erase share: the per-execution cap on deleted call records
 * (a mis-wired loop, or an AI agent calling the node as a tool again and again, cannot erase at
 * scale), and Atlas's refusals of a deletion in words.
 */

export const DEFAULT_MAX_DELETIONS = 100;

/** The Max Deletions Per Execution option (inside an operation's Options). */
export const maxDeletionsOption: INodeProperties = {
	displayName: 'Max Deletions Per Execution',
	name: 'maxDeletions',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: DEFAULT_MAX_DELETIONS,
	description:
		'Stop with an error, before deleting, once this many call records would be deleted in one workflow execution (Call > Delete and Erase a Contact together), so a mis-wired loop or an AI agent cannot erase at scale',
};

/** Reads the cap; throws, before anything is deleted, when `count` more would pass it. */
export function checkDeletionCap(
	ctx: IExecuteFunctions,
	itemIndex: number,
	run: ExecutionRun,
	maxValue: unknown,
	count: number,
	what: string,
): void {
	const max = Math.max(
		1,
		Math.floor(
			nonNegativeNumber(
				ctx,
				itemIndex,
				maxValue,
				'Max Deletions Per Execution',
				DEFAULT_MAX_DELETIONS,
			),
		),
	);
	const done = run.deletions.deleted;
	if (done + count <= max) return;
	throw new NodeOperationError(
		ctx.getNode(),
		`Stopped before deleting ${what} (item ${itemIndex + 1}): this execution already deleted ${done} call record(s), and ${count} more would pass the Max Deletions Per Execution (${max})`,
		{
			itemIndex,
			description:
				"Nothing was deleted for this item. If you mean to delete more in one execution, raise Max Deletions Per Execution in the node's options. If not, check the loop, or the AI agent, that feeds this node.",
		},
	);
}

/** Atlas's refusals of deleting a call record, in words a no-code user can act on. */
export function deleteRefusal(
	callId: string,
): (status: number, said: string | undefined) => ErrorWords | undefined {
	return (status, said) => {
		const atlasSaid = said ? ` Atlas said: ${said}` : '';
		if (status === 403) {
			return {
				message: `The Atlas API key may not delete call records (call "${callId}")`,
				description: `Atlas refused the deletion (403): the key's account or role lacks that right. Nothing was deleted. Use an API key of the account's owner or an admin (Atlas > Settings > API Keys) in the credential, or ask them to delete it.${atlasSaid}`,
			};
		}
		if (status === 404 && said && /cannot delete/i.test(said)) {
			return {
				message: 'Atlas offers no way to delete call records at this address',
				description: `Atlas answered that there is no DELETE /call/{id}: nothing was deleted. Check the Base URL in the Atlas API credential; if it is right, ask Atlas support to delete call "${callId}".${atlasSaid}`,
			};
		}
		return undefined;
	};
}
