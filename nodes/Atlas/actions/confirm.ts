import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/*
 * Operations that delete data or stop a campaign act only once the workflow builder has switched
 * this on by hand. It takes no expression (noDataExpression), so neither an AI agent using the
 * node as a tool ($fromAI) nor an incoming item can switch it on; a value that is an expression
 * anyway (a workflow edited as JSON) counts as off.
 */

const NAME = 'confirmed';
const LABEL = 'Allow This Node to Act';

/** The builder's switch for `what` (e.g. "delete call records"); off by default. */
export function confirmProperty(
	displayOptions: INodeProperties['displayOptions'],
	what: string,
): INodeProperties {
	return {
		displayName: LABEL,
		name: NAME,
		type: 'boolean',
		default: false,
		noDataExpression: true,
		description: `Whether this node may ${what}. Off, it refuses and does nothing. Only you can switch it on, here: not an expression, an incoming item or an AI agent using the node as a tool.`,
		displayOptions,
	};
}

/** Throws, before anything is done, unless the builder switched the node on by hand. */
export function assertConfirmed(ctx: IExecuteFunctions, itemIndex: number, what: string): void {
	const raw = ctx.getNode().parameters[NAME];
	if (raw === true) return;
	// anything but the switch itself (an expression, text) counts as off, and is said so
	const byExpression = raw !== undefined && raw !== false;
	throw new NodeOperationError(ctx.getNode(), `This node is not allowed to ${what}`, {
		itemIndex,
		description: byExpression
			? `Nothing was done. "${LABEL}" is set by an expression here; it only counts when switched on by hand in the node, so that no data and no AI agent can turn it on.`
			: `Nothing was done. Open this node and switch on "${LABEL}" (below its other parameters) once you are sure this workflow should ${what}. It cannot be set by an expression or by an AI agent.`,
	});
}
