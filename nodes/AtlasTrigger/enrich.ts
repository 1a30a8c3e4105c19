import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import { mapSettled } from '../shared/concurrency';
import { isCallEvent } from '../shared/events';
import { FIELD_ALIASES } from '../shared/fields';
import { foldRecord, isRecord, pickString, toRecord } from '../shared/read';
import { downloadRecording, RECORDING_PROPERTY, recordingFileName } from '../shared/recording';
import { normalizeCall } from '../shared/records';
import type { SampleSource } from '../shared/samples';
import { atlasRequest, ATLAS_PATHS } from '../shared/transport';

/*
 * After the delivery was answered: Fetch Full Call Record (with Drop Events Atlas Does Not
 * Confirm) and Download Recording. A failure here never loses an event: it is emitted with
 * `callRecordError` / `recordingError` saying why. The one exception is on purpose: with Drop
 * Events Atlas Does Not Confirm, a call Atlas answers 404 for is dropped (Atlas does not sign
 * its deliveries, so an unknown call ID is the sign of a forged or stray event). Any other
 * lookup failure (Atlas down, 5xx, timeout) keeps the event.
 */

export interface EnrichOptions {
	fetchCallRecord: boolean;
	dropUnconfirmed: boolean;
	downloadRecording: boolean;
	maxRecordingBytes: number;
}

export interface EnrichEntry {
	item: IDataObject;
	event: string;
	/** undefined for invalid events and messages: nothing to look up. */
	callId: string | undefined;
	/** Set for the samples of "Listen for test event". */
	sampleSource?: SampleSource;
}

export interface EnrichReport {
	/** Dropped: Atlas answered 404 for their call (with Drop Events Atlas Does Not Confirm). */
	unconfirmed: number;
	/** Call lookups that failed otherwise (event kept with callRecordError). */
	lookupFailed: number;
	/** Recordings that could not be attached (event kept with recordingError). */
	recordingFailed: number;
}

/** Lookups and downloads in flight at once for one delivery. */
export const ENRICH_CONCURRENCY = 4;

export function wantsEnrichment(options: EnrichOptions): boolean {
	return options.fetchCallRecord || options.downloadRecording;
}

/** The call ID of a call event as Atlas sent it, whatever the casing. */
export function rawCallId(event: string, raw: unknown): string | undefined {
	if (!isCallEvent(event) || !isRecord(raw)) return undefined;
	return pickString(foldRecord(raw), ...FIELD_ALIASES.callId);
}

function errorMessage(error: unknown): string {
	return error && typeof error === 'object' && 'message' in error ? String((error as Error).message) : String(error);
}

type Outcome = { keep: true; data: INodeExecutionData } | { keep: false };

async function enrichOne(ctx: IWebhookFunctions, entry: EnrichEntry, options: EnrichOptions, report: EnrichReport): Promise<Outcome> {
	const json = entry.item;
	const data: INodeExecutionData = { json };
	if (!entry.callId) return { keep: true, data };

	let record: IDataObject | undefined;
	if (options.fetchCallRecord) {
		if (entry.sampleSource === 'built-in') {
			// a built-in sample's call is not in Atlas: its record is made from the sample itself
			record = normalizeCall(json.callId === undefined ? json : { ...json });
			json.callRecord = record;
		} else {
			try {
				const answer = await atlasRequest.call(ctx, {
					method: 'GET',
					path: ATLAS_PATHS.call(entry.callId),
					notFound: `Call "${entry.callId}"`,
					allowNotFound: true,
				});
				const found = toRecord(answer);
				if (answer === undefined) {
					if (options.dropUnconfirmed && !entry.sampleSource) {
						report.unconfirmed++;
						return { keep: false };
					}
					report.lookupFailed++;
					json.callRecordError = `Atlas has no call with ID "${entry.callId}" (404): the event may not come from Atlas, or the call was deleted`;
				} else if (!found) {
					report.lookupFailed++;
					json.callRecordError = 'Atlas answered the call lookup without a call record';
				} else {
					record = normalizeCall(found);
					json.callRecord = record;
				}
			} catch (error) {
				report.lookupFailed++;
				json.callRecordError = `The call record could not be fetched: ${errorMessage(error)}`;
			}
		}
	}

	if (options.downloadRecording && entry.event === 'call_completed') {
		const url =
			(typeof record?.recordingUrl === 'string' && record.recordingUrl) ||
			(typeof json.recordingUrl === 'string' && json.recordingUrl) ||
			pickString(foldRecord(json), ...FIELD_ALIASES.recordingUrl);
		if (entry.sampleSource === 'built-in') {
			json.recordingError = 'This is a built-in sample: it has no recording to download';
		} else if (!url) {
			report.recordingFailed++;
			json.recordingError = 'The call has no recording URL';
		} else {
			try {
				const binary = await downloadRecording(ctx, url, {
					maxBytes: options.maxRecordingBytes,
					fileName: recordingFileName(entry.callId),
				});
				data.binary = { [RECORDING_PROPERTY]: binary };
			} catch (error) {
				report.recordingFailed++;
				json.recordingError = errorMessage(error);
			}
		}
	}
	return { keep: true, data };
}

/** Enriches every entry (bounded concurrency); answers the items to emit, in delivery order. */
export async function enrich(
	ctx: IWebhookFunctions,
	entries: EnrichEntry[],
	options: EnrichOptions,
): Promise<{ items: INodeExecutionData[]; report: EnrichReport }> {
	const report: EnrichReport = { unconfirmed: 0, lookupFailed: 0, recordingFailed: 0 };
	const results = await mapSettled(entries, ENRICH_CONCURRENCY, async (entry) => await enrichOne(ctx, entry, options, report));
	const items: INodeExecutionData[] = [];
	for (const result of results) {
		if (result.ok) {
			if (result.value.keep) items.push(result.value.data);
		} else {
			// enrichOne catches what it expects; anything else still keeps the event
			report.lookupFailed++;
			items.push({ json: { ...result.input.item, callRecordError: errorMessage(result.error) } });
		}
	}
	return { items, report };
}
