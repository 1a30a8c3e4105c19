import type { INodeProperties } from 'n8n-workflow';

import type { AtlasOperation } from '../operation';
import * as answer from './answer';

export const actionOperations: Record<string, AtlasOperation> = { answer };

export const actionDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['action'] } },
		options: [
			{
				name: 'Answer the Agent',
				value: 'answer',
				description:
					'Answer the Atlas agent that called the Atlas Action Trigger of this workflow, then go on',
				action: 'Answer the agent',
			},
		],
		default: 'answer',
	},
	...answer.description,
];
