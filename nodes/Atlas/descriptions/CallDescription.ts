import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_RECORDING_MB, MAX_RECORDING_MB_LIMIT } from '../../shared/recording';
import {
	DEFAULT_LATE_MINUTES,
	DEFAULT_LONGEST_CALL_MINUTES,
	DEFAULT_LOOKBACK_HOURS,
} from '../actions/sinceLastRun';
import { campaignLocator, returnAllAndLimit } from './common';

export const callOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description:
					'Get one call record: summary, transcript, conversation messages, recording URL and status',
				action: 'Get a call',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get call records, newest first, filtered by campaign, date or phone number',
				action: 'Get many calls',
			},
			{
				name: 'Get Many Since Last Run',
				value: 'getManySinceLastRun',
				description:
					'Get the calls completed since this node last ran in this workflow, as Atlas Trigger "Call Completed" items: recovers events the webhook missed',
				action: 'Get calls completed since the last run',
			},
		],
		default: 'get',
	},
];

export const callFields: INodeProperties[] = [
	{
		displayName: 'Call ID',
		name: 'callId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 9b1f6c2e-...',
		description: 'The ID of the call record',
		hint: 'Map the callId of an Atlas Trigger event or the ID of a call from Get Many',
		displayOptions: { show: { resource: ['call'], operation: ['get'] } },
	},
	{
		displayName: 'Options',
		name: 'getOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'More to do with the call',
		displayOptions: { show: { resource: ['call'], operation: ['get'] } },
		options: [
			{
				displayName: 'Download Recording',
				name: 'downloadRecording',
				type: 'boolean',
				default: false,
				description:
					'Whether to download the call\'s recording into the item\'s binary data (property "recording", file named after the call ID), ready for Slack, Google Drive or a transcription node. A failed or too large download keeps the call, with a "recordingError" field saying why.',
			},
			{
				displayName: 'Max Recording Size (MB)',
				name: 'maxRecordingSizeMb',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_RECORDING_MB_LIMIT },
				default: DEFAULT_MAX_RECORDING_MB,
				displayOptions: { show: { downloadRecording: [true] } },
				description:
					'A larger recording is not downloaded: the item gets "recordingError" instead. n8n keeps binary data in memory unless N8N_DEFAULT_BINARY_DATA_MODE is "filesystem".',
			},
		],
	},
	{
		...campaignLocator({
			allowAll: true,
			required: false,
			displayOptions: { show: { resource: ['call'], operation: ['getManySinceLastRun'] } },
			description: 'Only calls of this campaign, or "All Campaigns". Each campaign keeps its own last-run mark.',
		}),
		default: { mode: 'list', value: '*', cachedResultName: 'All Campaigns' },
	},
	{
		displayName: 'Options',
		name: 'sinceLastRunOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description:
			'Each call is returned once: the first run returns the calls of the First Run Lookback, later runs those completed since the previous successful run. Runs started by hand in the editor do not move the mark (n8n does not save their static data).',
		displayOptions: { show: { resource: ['call'], operation: ['getManySinceLastRun'] } },
		options: [
			{
				displayName: 'First Run Lookback (Hours)',
				name: 'firstRunLookbackHours',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_LOOKBACK_HOURS,
				description: 'On the first run (nothing recorded yet), return the calls completed in this many hours before it',
			},
			{
				displayName: 'Late Record Window (Minutes)',
				name: 'lateRecordMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_LATE_MINUTES,
				description:
					'Atlas may list a call a little after it ended. Calls that ended this long before the previous run are checked again; those already returned are not returned twice.',
			},
			{
				displayName: 'Longest Call (Minutes)',
				name: 'longestCallMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_LONGEST_CALL_MINUTES,
				description:
					'Atlas filters calls by when they started: calls that started this long before the previous run are asked for too, so a long call that ended after it is not missed',
			},
		],
	},
	...returnAllAndLimit({ show: { resource: ['call'], operation: ['getAll'] } }),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Only return the calls that match all of these filters',
		displayOptions: { show: { resource: ['call'], operation: ['getAll'] } },
		options: [
			campaignLocator({
				required: false,
				description: 'Only calls of this campaign',
			}),
			{
				displayName: 'Customer Phone Number',
				name: 'customerPhoneNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. +14155550101',
				description: 'Only calls with this customer phone number, in international format',
			},
			{
				displayName: 'End Date',
				name: 'endDate',
				type: 'dateTime',
				default: '',
				description: 'Only calls that started at or before this date and time',
			},
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				description: 'Only calls that started at or after this date and time',
			},
		],
	},
];
