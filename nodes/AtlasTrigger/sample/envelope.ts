import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../../shared/model/read';
import { NONCE_PARAM, TOKEN_PARAM } from '../activation/hookUrl';
import type { SampleSource } from './collect';

/* A sample delivery: the body the trigger posts to its own test URL, and the URL's mark. */

export const SAMPLE_PARAM = 'sample';
export const SAMPLE_ENVELOPE_VERSION = 1;

/** The body of a sample delivery: each event says which event it is a sample of. */
export interface SampleEnvelope extends IDataObject {
	atlasTriggerSample: number;
	samples: IDataObject[];
}

export function sampleUrl(webhookUrl: string, token: string, nonce?: string): string {
	const url = new URL(webhookUrl);
	url.searchParams.set(SAMPLE_PARAM, '1');
	if (nonce) url.searchParams.set(NONCE_PARAM, nonce);
	url.searchParams.set(TOKEN_PARAM, token);
	return url.toString();
}

/** The samples of a sample delivery, or undefined when the body is not one. */
export function readSampleEnvelope(
	body: unknown,
): Array<{ event: string; source: SampleSource; payload: unknown }> | undefined {
	if (
		!isRecord(body) ||
		body.atlasTriggerSample !== SAMPLE_ENVELOPE_VERSION ||
		!Array.isArray(body.samples)
	) {
		return undefined;
	}
	return body.samples.filter(isRecord).map((s) => ({
		event: String(s.event ?? ''),
		source: s.source === 'atlas' ? 'atlas' : 'built-in',
		payload: s.payload,
	}));
}

export const SAMPLE_NOTE =
	'This is a sample, sent when you started listening, so you can map fields. Real events replace it once the workflow is active (or when you listen with Send Sample When Listening off).';
