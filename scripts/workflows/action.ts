// The Atlas Action Trigger workflow the demo and the docs screenshots build: the agent asks
// which times are free on a date, the last node's answer goes back to the agent.
import type { WorkflowJson } from '../../test/rig/client';

export const ACTION_TRIGGER_NODE = 'Atlas Action Trigger';

export function availabilityWorkflow(credential: { id: string; name: string }): WorkflowJson {
	return {
		name: 'Atlas: the agent checks availability',
		nodes: [
			{
				name: ACTION_TRIGGER_NODE,
				type: 'n8n-nodes-atlas.atlasActionTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					respond: 'lastNode',
					declaredParameters: {
						parameter: [
							{
								name: 'date',
								type: 'string',
								required: true,
								description: 'The day the caller wants, as YYYY-MM-DD',
							},
							{
								name: 'partySize',
								type: 'number',
								required: false,
								description: 'How many people are coming',
							},
						],
					},
					options: {},
				},
				credentials: { atlasActionApi: { id: credential.id, name: credential.name } },
			},
			{
				name: 'Answer',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [240, 0],
				parameters: {
					mode: 'manual',
					assignments: {
						assignments: [
							{
								id: 'd1',
								name: 'message',
								type: 'string',
								value: '=Tuesday {{ $json.date }}: 10:00 and 14:30 are free.',
							},
						],
					},
					includeOtherFields: false,
					options: {},
				},
			},
		],
		connections: {
			[ACTION_TRIGGER_NODE]: { main: [[{ node: 'Answer', type: 'main', index: 0 }]] },
		},
		pinData: {},
	};
}
