import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ALL_CAMPAIGNS } from '../../shared/fields';

/** An output item that also carries binary data (e.g. a downloaded recording). */
export class BinaryItem {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

/** What one execution of the node shares between its items. */
export interface NodeRun {
	/** Runs once every item is done and the node succeeds (e.g. saving a watermark). */
	onSuccess(commit: () => void): void;
	/** Values shared by the items of this execution (e.g. the run's start time). */
	readonly shared: Map<string, unknown>;
}

/** What one operation does for one input item: the output items, without pairing. */
export type Operation = (
	this: IExecuteFunctions,
	itemIndex: number,
	run: NodeRun,
) => Promise<Array<IDataObject | BinaryItem>>;

/** A required text parameter, trimmed; a clear error when it is empty. */
export function requiredString(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
	howToFix: string,
): string {
	const value = ctx.getNodeParameter(name, itemIndex, '') as unknown;
	const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (!text) {
		throw new NodeOperationError(ctx.getNode(), `${label} is empty`, {
			itemIndex,
			description: howToFix,
		});
	}
	return text;
}

/**
 * The campaign ID of a campaign resource locator (any mode), trimmed. `*` (All Campaigns) is
 * accepted only where `allowAll` says so.
 */
export function campaignIdParameter(
	ctx: IExecuteFunctions,
	itemIndex: number,
	options: { name?: string; allowAll?: boolean; optional?: boolean } = {},
): string {
	const name = options.name ?? 'campaign';
	const value = ctx.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (!id) {
		if (options.optional) return '';
		throw new NodeOperationError(ctx.getNode(), 'No campaign selected', {
			itemIndex,
			description: options.allowAll
				? 'Pick a campaign from the list ("All Campaigns" for every campaign), or enter its ID. If the ID comes from an expression, check that the expression gives a value for this item.'
				: 'Pick a campaign from the list, or enter its ID. If the ID comes from an expression, check that the expression gives a value for this item.',
		});
	}
	if (id === ALL_CAMPAIGNS && !options.allowAll) {
		throw new NodeOperationError(ctx.getNode(), '"All Campaigns" (*) cannot be used here', {
			itemIndex,
			description: 'This operation needs one campaign: pick it from the list or enter its ID.',
		});
	}
	return id;
}

/** Cuts a list to the "Limit" parameter unless "Return All" is on. */
export function applyLimit<T>(ctx: IExecuteFunctions, itemIndex: number, list: T[]): T[] {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return list;
	const limit = ctx.getNodeParameter('limit', itemIndex, 50) as number;
	return list.slice(0, Math.max(0, Math.floor(limit)));
}
