import type { INodeProperties } from 'n8n-workflow';

import type { AtlasOperation } from '../operation';
import * as deleteOperation from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as getStatistics from './getStatistics';
import * as turnOff from './turnOff';
import * as turnOn from './turnOn';
import * as updateAgent from './updateAgent';

export const campaignOperations: Record<string, AtlasOperation> = {
	delete: deleteOperation,
	get,
	getAll,
	getStatistics,
	turnOff,
	turnOn,
	updateAgent,
};

export const campaignDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a campaign and its agent (needs Confirm in the node)',
				action: 'Delete a campaign',
			},
			{ name: 'Get', value: 'get', description: 'Get one campaign', action: 'Get a campaign' },
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get the campaigns of the account (archived ones only on request)',
				action: 'Get many campaigns',
			},
			{
				name: 'Get Statistics',
				value: 'getStatistics',
				description:
					'Get how a campaign (or every campaign) did: calls, answered, booked, durations and rates, ready for a sheet or a chart',
				action: 'Get campaign statistics',
			},
			{
				name: 'Turn Off',
				value: 'turnOff',
				description:
					'Stop a campaign: its agent stops calling and answering (needs Confirm in the node)',
				action: 'Turn a campaign off',
			},
			{
				name: 'Turn On',
				value: 'turnOn',
				description: 'Start a campaign again (needs Confirm in the node)',
				action: 'Turn a campaign on',
			},
			{
				name: 'Update Agent',
				value: 'updateAgent',
				description:
					"Change a campaign's agent: opening and closing lines, voice, language, speed and more; only the settings added are sent (needs Confirm in the node)",
				action: 'Update the agent of a campaign',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...getStatistics.description,
	...turnOn.description,
	...turnOff.description,
	...updateAgent.description,
	...deleteOperation.description,
];
