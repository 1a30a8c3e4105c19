import type { INodeProperties } from 'n8n-workflow';

import type { AtlasOperation } from '../operation';
import * as erase from './erase';

export const contactOperations: Record<string, AtlasOperation> = { erase };

export const contactDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Erase',
				value: 'erase',
				description:
					'Delete every call record of one phone number (a privacy request) and list what Atlas cannot erase (chat sessions). Dry Run lists only. Acts only after the workflow builder switched on "Allow This Node to Act"; an AI agent cannot.',
				action: 'Erase a contact',
			},
		],
		default: 'erase',
	},
	...erase.description,
];
