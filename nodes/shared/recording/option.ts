import type { INodeProperties } from 'n8n-workflow';

/*
 * The recording options both nodes offer (Atlas Trigger > Download Recording, Call > Get >
 * Download Recording): the property the recording goes into, its file name and size limit.
 */

/** The binary property the recording goes into. */
export const RECORDING_PROPERTY = 'recording';
export const DEFAULT_MAX_RECORDING_MB = 25;
export const MAX_RECORDING_MB_LIMIT = 1024;
const MB = 1024 * 1024;

/** The Download Recording option; `onFailure` (one sentence, no period) says what a failed or too large download leaves. */
export function downloadRecordingOption(what: string, onFailure: string): INodeProperties {
	return {
		displayName: 'Download Recording',
		name: 'downloadRecording',
		type: 'boolean',
		default: false,
		description: `Whether to download ${what} into the item's binary data (property "recording", file named after the call ID), ready for Slack, Google Drive or a transcription node. ${onFailure}.`,
	};
}

/** The Max Recording Size (MB) option, shown when Download Recording is on. */
export function maxRecordingSizeOption(description: string): INodeProperties {
	return {
		displayName: 'Max Recording Size (MB)',
		name: 'maxRecordingSizeMb',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_RECORDING_MB_LIMIT },
		default: DEFAULT_MAX_RECORDING_MB,
		displayOptions: { show: { downloadRecording: [true] } },
		description,
	};
}

/** `<callId>.mp3`, safe as a file name. */
export function recordingFileName(callId: string | null | undefined): string {
	const safe = String(callId ?? '')
		.replace(/[^A-Za-z0-9._-]/g, '_')
		.slice(0, 100);
	return `${safe || 'recording'}.mp3`;
}

/** Max Recording Size (MB) as bytes; unusable values fall back to the default. */
export function maxRecordingBytes(megabytes: unknown): number {
	const mb = Number(megabytes);
	const usable =
		Number.isFinite(mb) && mb > 0 ? Math.min(mb, MAX_RECORDING_MB_LIMIT) : DEFAULT_MAX_RECORDING_MB;
	return Math.floor(usable * MB);
}
