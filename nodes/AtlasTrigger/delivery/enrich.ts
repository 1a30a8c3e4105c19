import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import { fetchCall } from '../../shared/api/calls';
import { callItem } from '../../shared/model/call';
import { extendItem } from '../../shared/model/values';
import { downloadRecording } from '../../shared/recording/download';
import { RECORDING_PROPERTY, recordingFileName } from '../../shared/recording/option';
import { mapSettled } from '../../shared/util/concurrency';
import { errorText } from '../../shared/util/errors';
import { attachBookings } from './bookings';
import type { DeliveredEvent } from './model';

/*
 * After the delivery was answered: Fetch Full Call Record (with Drop Events Atlas Does Not
 * Confirm), Download Recording and Include Bookings (bookings.ts). A failure here never loses an event: it is emitted with
 * `callRecordError` / `recordingError` / `bookingsError` saying why. The one exception is on purpose: with Drop
 * Events Atlas Does Not Confirm, a call Atlas answers 404 for is dropped (Atlas does not sign
 * its deliveries, so an unknown call ID is the sign of a forged or stray event).
 */

export interface EnrichOptions {
	fetchCallRecord: boolean;
	dropUnconfirmed: boolean;
	downloadRecording: boolean;
	maxRecordingBytes: number;
	/** Include Bookings: the call's bookings as `bookings` (call_completed only). */
	includeBookings: boolean;
}

export interface EnrichReport {
	/** Dropped: Atlas answered 404 for their call (with Drop Events Atlas Does Not Confirm). */
	unconfirmed: number;
	/** Call lookups that failed otherwise (event kept with callRecordError). */
	lookupFailed: number;
	/** Recordings that could not be attached (event kept with recordingError). */
	recordingFailed: number;
	/** Bookings that could not be read (event kept with bookingsError). */
	bookingsFailed: number;
}

/** Lookups and downloads in flight at once for one delivery. */
export const ENRICH_CONCURRENCY = 4;

export function wantsEnrichment(options: EnrichOptions): boolean {
	return options.fetchCallRecord || options.downloadRecording || options.includeBookings;
}

type Lookup = { drop: true } | { drop: false; record?: IDataObject };

/** Adds `callRecord` (or `callRecordError`) to the item; `drop` for an unconfirmed call. */
async function lookUpCall(
	ctx: IWebhookFunctions,
	entry: DeliveredEvent,
	callId: string,
	options: EnrichOptions,
	report: EnrichReport,
): Promise<Lookup> {
	const json = entry.item;
	if (entry.sampleSource === 'built-in') {
		// a built-in sample's call is not in Atlas: its record is made from the sample itself
		json.callRecord = callItem({ ...json });
		return { drop: false, record: json.callRecord as IDataObject };
	}
	try {
		const found = await fetchCall.call(ctx, callId, true);
		if (found === undefined) {
			if (options.dropUnconfirmed && !entry.sampleSource) {
				report.unconfirmed++;
				return { drop: true };
			}
			report.lookupFailed++;
			json.callRecordError = `Atlas has no call with ID "${callId}" (404): the event may not come from Atlas, or the call was deleted`;
			return { drop: false };
		}
		if (Object.keys(found).length === 0) {
			report.lookupFailed++;
			json.callRecordError = 'Atlas answered the call lookup without a call record';
			return { drop: false };
		}
		json.callRecord = callItem(found, callId);
		return { drop: false, record: json.callRecord as IDataObject };
	} catch (error) {
		report.lookupFailed++;
		json.callRecordError = `The call record could not be fetched: ${errorText(error)}`;
		return { drop: false };
	}
}

/** Downloads the recording into the item's binary data, or says why not in `recordingError`. */
async function attachRecording(
	ctx: IWebhookFunctions,
	data: INodeExecutionData,
	entry: DeliveredEvent,
	callId: string,
	record: IDataObject | undefined,
	options: EnrichOptions,
	report: EnrichReport,
): Promise<void> {
	const json = entry.item;
	if (entry.sampleSource === 'built-in') {
		json.recordingError = 'This is a built-in sample: it has no recording to download';
		return;
	}
	const url = [record?.recordingUrl, json.recordingUrl, callItem(json).recordingUrl].find(
		(value): value is string => typeof value === 'string' && value !== '',
	);
	if (!url) {
		report.recordingFailed++;
		json.recordingError = 'The call has no recording URL';
		return;
	}
	try {
		const binary = await downloadRecording(ctx, url, {
			maxBytes: options.maxRecordingBytes,
			fileName: recordingFileName(callId),
		});
		data.binary = { [RECORDING_PROPERTY]: binary };
	} catch (error) {
		report.recordingFailed++;
		json.recordingError = errorText(error);
	}
}

async function enrichOne(
	ctx: IWebhookFunctions,
	entry: DeliveredEvent,
	options: EnrichOptions,
	report: EnrichReport,
): Promise<INodeExecutionData | undefined> {
	const data: INodeExecutionData = { json: entry.item };
	const { callId } = entry;
	if (!callId) return data;
	let record: IDataObject | undefined;
	if (options.fetchCallRecord) {
		const lookup = await lookUpCall(ctx, entry, callId, options, report);
		if (lookup.drop) return undefined;
		record = lookup.record;
	}
	if (options.downloadRecording && entry.event === 'call_completed') {
		await attachRecording(ctx, data, entry, callId, record, options, report);
	}
	if (options.includeBookings && entry.event === 'call_completed') {
		if (!(await attachBookings(ctx, entry, callId))) report.bookingsFailed++;
	}
	return data;
}

/** Enriches every event (bounded concurrency); answers the items to emit, in delivery order. */
export async function enrich(
	ctx: IWebhookFunctions,
	delivered: DeliveredEvent[],
	options: EnrichOptions,
): Promise<{ items: INodeExecutionData[]; report: EnrichReport }> {
	const report: EnrichReport = {
		unconfirmed: 0,
		lookupFailed: 0,
		recordingFailed: 0,
		bookingsFailed: 0,
	};
	const results = await mapSettled(
		delivered,
		ENRICH_CONCURRENCY,
		async (entry) => await enrichOne(ctx, entry, options, report),
	);
	const items: INodeExecutionData[] = [];
	for (const result of results) {
		if (!result.ok) {
			// enrichOne catches what it expects; anything else still keeps the event
			report.lookupFailed++;
			items.push({
				json: extendItem(result.input.item, { callRecordError: errorText(result.error) }),
			});
		} else if (result.value) {
			items.push(result.value);
		}
	}
	return { items, report };
}
