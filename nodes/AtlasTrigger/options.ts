import type { INodeProperties } from 'n8n-workflow';

import { downloadRecordingOption, maxRecordingSizeOption } from '../shared/recording/option';
import { DEFAULT_MAX_REMEMBERED, DEFAULT_WINDOW_HOURS, MAX_REMEMBERED_LIMIT } from './parameters';

/*
 * The trigger's Simplify and Options. typeVersion 2 shows Simplify (n8n's convention: on, our
 * fields only; off, each event as Atlas sent it); typeVersion 1 keeps its Output option (ours,
 * then every original field; or Raw). The two Options collections share one name: a workflow
 * keeps its values across versions, and each version shows only its own.
 */

const V1 = { show: { '@version': [1] } };
const V2_ON = { show: { '@version': [{ _cnd: { gte: 2 } }] } };

export const simplifyProperty: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return only the fields this node names (event, callId, summary, contact, message, ...) instead of each event as Atlas sent it',
	displayOptions: V2_ON,
};

const OUTPUT_OPTION: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	options: [
		{
			name: 'Simplified',
			value: 'simplified',
			description:
				'Event, campaign, call or message, customer, time, and for completed calls summary, transcript, recording URL, status and more, in the same names whatever Atlas sends; plus every original field',
		},
		{ name: 'Raw', value: 'raw', description: 'Each event exactly as Atlas sent it' },
	],
	default: 'simplified',
	description: 'The shape of each item',
};

const COMMON_OPTIONS: INodeProperties[] = [
	downloadRecordingOption(
		'the recording of each completed call',
		'A failed or too large download never loses the event: it comes with a "recordingError" field instead',
	),
	{
		displayName: 'Drop Events Atlas Does Not Confirm',
		name: 'dropUnconfirmed',
		type: 'boolean',
		default: false,
		displayOptions: { show: { fetchCallRecord: [true] } },
		description:
			'Whether to drop a call event when Atlas answers that it has no such call (404). Atlas does not sign its deliveries, so this confirms each call is real. Other lookup failures (Atlas down) never drop the event: it comes with "callRecordError".',
	},
	{
		displayName: 'Duplicate Window (Hours)',
		name: 'duplicateWindowHours',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 720 },
		default: DEFAULT_WINDOW_HOURS,
		description:
			'How long an event is remembered to recognise a second delivery of it (when Ignore Duplicates is on)',
	},
	{
		displayName: 'Fetch Full Call Record',
		name: 'fetchCallRecord',
		type: 'boolean',
		default: false,
		description:
			'Whether to look each call event up in Atlas (by its call ID) and add the full record to the item as "callRecord": transcript as turns, summary, recording URL, status and more. Atlas gets its answer first; the lookup happens before the workflow starts. When the lookup fails, the event still comes, with "callRecordError" saying why.',
	},
	{
		displayName: 'Ignore Duplicates',
		name: 'ignoreDuplicates',
		type: 'boolean',
		default: true,
		description:
			'Whether to drop an event Atlas delivers again (Atlas delivers at least once). Calls are recognised by event and call ID; messages by event, campaign, customer, time and message ID.',
	},
	{
		displayName: 'Include Bookings',
		name: 'includeBookings',
		type: 'boolean',
		default: false,
		description:
			'Whether to add the appointments the agent booked during each completed call to the item, as "bookings" (start and end time, customer, what was booked). One request to Atlas per call, after Atlas got its answer. When they cannot be read, the event still comes, with "bookingsError" saying why.',
	},
	maxRecordingSizeOption(
		'Recordings larger than this are not downloaded; the event comes with "recordingError" instead',
	),
	{
		displayName: 'On Invalid Event',
		name: 'onInvalidEvent',
		type: 'options',
		options: [
			{
				name: 'Emit With Error Field',
				value: 'emit',
				description: 'Pass it on as an item with an "error" field saying what is wrong',
			},
			{ name: 'Skip', value: 'skip', description: 'Leave it out (it is still logged)' },
		],
		default: 'emit',
		description:
			'What to do with an event that is not an object or has no call or message identity',
	},
	{
		displayName: 'Remember At Most (Events)',
		name: 'maxRemembered',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_REMEMBERED_LIMIT },
		default: DEFAULT_MAX_REMEMBERED,
		description:
			'The most events remembered for spotting duplicates (when Ignore Duplicates is on); the oldest are forgotten first. More costs a little storage on every delivery.',
	},
	{
		displayName: 'Send Sample When Listening',
		name: 'sendSample',
		type: 'boolean',
		default: true,
		description:
			'Whether testing the trigger in the editor ("Execute step"; n8n 1.x: "Listen for test event") delivers a sample of each selected event at once (Atlas\'s sample for the campaign, else a built-in one; marked "sample": true), so you can map fields without placing a real call. n8n stops listening after the first execution: turn this off to catch a real event instead. Never used by the published (active) workflow.',
	},
];

const optionsCollection = (
	description: string,
	options: INodeProperties[],
	displayOptions: INodeProperties['displayOptions'],
): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	description,
	options,
	displayOptions,
});

export const optionsProperties: INodeProperties[] = [
	optionsCollection(
		'Duplicate handling, invalid events, test samples, and the call record, recording or bookings fetched for each call',
		COMMON_OPTIONS,
		V2_ON,
	),
	optionsCollection(
		'Output format, duplicate handling, invalid events, test samples, and the call record, recording or bookings fetched for each call',
		[...COMMON_OPTIONS.slice(0, -2), OUTPUT_OPTION, ...COMMON_OPTIONS.slice(-2)],
		V1,
	),
];
