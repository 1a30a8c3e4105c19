import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../operation';
import { campaignLocator, defaultCountryProperty } from '../../properties';
import { DEFAULT_DELAY_MS } from './pace';

/* Call > Schedule's parameters (the operation is in index.ts). */

export const DEFAULT_WINDOW_MINUTES = 10;
export const DEFAULT_MAX_CALLS = 50;

const show = showFor('call', 'schedule');

export const description: INodeProperties[] = [
	campaignLocator({
		displayOptions: show,
		description:
			'The outbound voice campaign whose agent makes the call. The list shows those first; inbound and chat campaigns are marked.',
		searchListMethod: 'searchCallingCampaigns',
	}),
	{
		displayName: 'Phone Number',
		name: 'customerPhoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +1 415 555 0123 or (415) 555-0123',
		description:
			'The number to call, as written in your sheet or CRM. It is sent in international form (+14155550123); a number that cannot be read fails its item before anything is sent.',
		displayOptions: show,
	},
	defaultCountryProperty(show),
	{
		displayName: 'Customer Name',
		name: 'customerName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Dana Whitfield',
		description: 'The name the agent uses for the person it calls (Atlas requires it)',
		displayOptions: show,
	},
	{
		displayName: 'Customer Info',
		name: 'customerInfo',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'e.g. Asked for a quote for 20 solar panels on the website form',
		description:
			'Context the agent gets before the call: why you are calling, what the person asked for. Optional.',
		displayOptions: show,
	},
	{
		displayName: 'When',
		name: 'when',
		type: 'options',
		default: 'now',
		options: [
			{ name: 'Now', value: 'now', description: 'Atlas calls at once' },
			{
				name: 'At a Date and Time',
				value: 'at',
				description: 'Atlas calls at the time given',
			},
		],
		description: 'When Atlas makes the call',
		displayOptions: show,
	},
	{
		displayName: 'Date and Time',
		name: 'scheduledAt',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			"When to call. A time without an offset (the date picker's, 2026-06-01 09:30 or a time of day such as 09:30) is read in the workflow's time zone; 2026-06-01T14:30:00Z or an n8n DateTime from an expression keep their own. Atlas is sent the time in UTC.",
		displayOptions: { show: { resource: ['call'], operation: ['schedule'], when: ['at'] } },
	},
	{
		displayName: 'Options',
		name: 'scheduleOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		description: 'Safety options: they apply when not added, with the defaults shown',
		displayOptions: show,
		options: [
			{
				displayName: 'Delay Between Calls (Milliseconds)',
				name: 'delayMs',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_DELAY_MS,
				description:
					'Wait at least this long between two schedule requests of one execution: Atlas drops connections when many arrive at once. A request Atlas did not answer is checked against its scheduled calls and sent again only if it was not scheduled.',
			},
			{
				displayName: "Don't Call the Same Person Twice",
				name: 'skipRecent',
				type: 'boolean',
				default: true,
				description:
					'Whether to skip a number already scheduled or called in this campaign within the window below (double form submits, retries). The item comes out with skipped: true and the reason. A number scheduled twice in one execution is always skipped.',
			},
			{
				displayName: 'Max Calls Per Execution',
				name: 'maxCalls',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_CALLS,
				description:
					'Stop with an error once this many calls were sent in one workflow execution, so a mis-wired loop or an AI agent using the node as a tool cannot call hundreds of people by mistake',
			},
			{
				displayName: 'Window (Minutes)',
				name: 'windowMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_WINDOW_MINUTES,
				description:
					"With Don't Call the Same Person Twice: a call scheduled or placed this many minutes before or after this one counts as the same call",
			},
		],
	},
];
