import type { INodeProperties } from 'n8n-workflow';

import type { AtlasOperation } from '../operation';
import * as get from './get';
import * as getAll from './getAll';

export const campaignOperations: Record<string, AtlasOperation> = { get, getAll };

export const campaignDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get one campaign', action: 'Get a campaign' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get the campaigns of the account',
				action: 'Get many campaigns',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
];
