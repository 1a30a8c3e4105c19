import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/*
 * The safety rule of consequential operations (turning a campaign on or off, changing its agent,
 * deleting data): the workflow builder confirms them in the node, once, by hand. The switch
 * takes no expression (`noDataExpression`), so neither an item's data nor an AI agent using the
 * node as a tool ($fromAI) can turn it on; it is off by default, and the node refuses to act
 * until it is on.
 */

export const CONFIRM_PARAMETER = 'confirm';

type DisplayOptions = INodeProperties['displayOptions'];

/** The builder's confirmation for one operation; `what` says what it does ("delete the campaign"). */
export function confirmProperty(displayOptions: DisplayOptions, what: string): INodeProperties {
	return {
		displayName: `Confirm: ${what[0].toUpperCase()}${what.slice(1)}`,
		name: CONFIRM_PARAMETER,
		type: 'boolean',
		noDataExpression: true,
		default: false,
		description: `Whether this node may ${what}. Off by default: the node refuses to act until you turn this on here. It cannot be set by an expression, an input item or an AI agent.`,
		displayOptions,
	};
}

/** Throws, before anything is sent to Atlas, unless the builder confirmed the operation. */
export function assertConfirmed(ctx: IExecuteFunctions, itemIndex: number, what: string): void {
	// the saved value itself, never an evaluated one: an expression ("={{ true }}") is not a yes
	if (ctx.getNode().parameters[CONFIRM_PARAMETER] === true) return;
	throw new NodeOperationError(ctx.getNode(), `Not confirmed: this node may not ${what}`, {
		itemIndex,
		description: `Nothing was sent to Atlas. Open this Atlas node and turn on "Confirm: ${what[0].toUpperCase()}${what.slice(1)}" (below the operation's other parameters). It is off by default, and only a person editing the workflow can turn it on: neither an expression nor an AI agent can.`,
	});
}
