import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ALL_CAMPAIGNS, ATLAS_EVENTS } from '../shared/atlas/events';
import type { OutputMode } from '../shared/model/event';
import type { RecordView } from '../shared/model/simplify';
import { recordView } from '../shared/model/simplify';
import { DEFAULT_MAX_RECORDING_MB, maxRecordingBytes } from '../shared/recording/option';
import { HOUR } from '../shared/util/time';
import type { DedupeSettings } from './dedupe/dedupe';

export interface TriggerParameters {
	events: string[];
	/** `["*"]` for every campaign. */
	campaignIds: string[];
}

export interface ReceiveOptions {
	output: OutputMode;
	/** How items are shown when emitted (typeVersion 1: 'both', as it always was). */
	view: RecordView;
	dedupe: DedupeSettings | undefined;
	onInvalidEvent: 'emit' | 'skip';
	fetchCallRecord: boolean;
	dropUnconfirmed: boolean;
	downloadRecording: boolean;
	maxRecordingBytes: number;
	includeBookings: boolean;
}

export const DEFAULT_WINDOW_HOURS = 24;
export const DEFAULT_MAX_REMEMBERED = 5_000;
export const MAX_REMEMBERED_LIMIT = 50_000;

function asStrings(value: unknown): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return [...new Set(list.map((v) => String(v).trim()).filter(Boolean))];
}

export function readTriggerParameters(ctx: IHookFunctions | IWebhookFunctions): TriggerParameters {
	const events = asStrings(ctx.getNodeParameter('events', []));
	if (events.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Choose at least one event to listen for', {
			description: 'Open the Atlas Trigger and pick one or more events, e.g. Call Completed.',
		});
	}
	const unknown = events.filter((event) => !(ATLAS_EVENTS as readonly string[]).includes(event));
	if (unknown.length > 0) {
		throw new NodeOperationError(ctx.getNode(), `Unknown event: ${unknown.join(', ')}`, {
			description: `Atlas knows these events: ${ATLAS_EVENTS.join(', ')}.`,
		});
	}
	const scope = ctx.getNodeParameter('campaignScope', 'all') as string;
	if (scope === 'all') return { events, campaignIds: [ALL_CAMPAIGNS] };
	const campaignIds = asStrings(ctx.getNodeParameter('campaignIds', []));
	if (campaignIds.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Choose at least one campaign, or All Campaigns', {
			description:
				'Open the Atlas Trigger and pick the campaigns whose events should start this workflow.',
		});
	}
	return {
		events,
		campaignIds: campaignIds.includes(ALL_CAMPAIGNS) ? [ALL_CAMPAIGNS] : campaignIds,
	};
}

export function readReceiveOptions(ctx: IWebhookFunctions): ReceiveOptions {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const ignoreDuplicates = options.ignoreDuplicates !== false;
	const hours = Number(options.duplicateWindowHours ?? DEFAULT_WINDOW_HOURS);
	const remembered = Number(options.maxRemembered ?? DEFAULT_MAX_REMEMBERED);
	// typeVersion 2: Simplify (off: each event as Atlas sent it); 1: the Output option
	const { typeVersion } = ctx.getNode();
	const view =
		typeVersion < 2
			? 'both'
			: recordView(typeVersion, ctx.getNodeParameter('simplify', true) as boolean);
	const output: OutputMode =
		typeVersion < 2
			? options.output === 'raw'
				? 'raw'
				: 'simplified'
			: view === 'raw'
				? 'raw'
				: 'ours';
	return {
		output,
		view,
		onInvalidEvent: options.onInvalidEvent === 'skip' ? 'skip' : 'emit',
		fetchCallRecord: options.fetchCallRecord === true,
		// only meaningful with the lookup; the UI shows it only then
		dropUnconfirmed: options.fetchCallRecord === true && options.dropUnconfirmed === true,
		downloadRecording: options.downloadRecording === true,
		maxRecordingBytes: maxRecordingBytes(options.maxRecordingSizeMb ?? DEFAULT_MAX_RECORDING_MB),
		includeBookings: options.includeBookings === true,
		dedupe: ignoreDuplicates
			? {
					windowMs: (Number.isFinite(hours) && hours > 0 ? hours : DEFAULT_WINDOW_HOURS) * HOUR,
					maxKeys: Math.min(
						MAX_REMEMBERED_LIMIT,
						Number.isFinite(remembered) && remembered >= 1
							? Math.floor(remembered)
							: DEFAULT_MAX_REMEMBERED,
					),
				}
			: undefined,
	};
}

/** Send Sample When Listening (default on). */
export function sendSampleWhenListening(ctx: IHookFunctions): boolean {
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	return options.sendSample !== false;
}
