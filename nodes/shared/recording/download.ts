import type {
	IBinaryData,
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { networkFailure } from '../transport/network';
import { CREDENTIAL_NAME, getBaseUrl } from '../transport/request';
import { DEFAULT_MAX_RECORDING_MB } from './option';

/*
 * Downloading a call's recording into an item's binary data. Where it lives decides how:
 *
 * - on the credential's own origin (the Atlas API, or an emulator / proxy in its place): with
 *   the credential, through httpRequestWithAuthentication, like every other Atlas call;
 * - anywhere else (a storage or CDN host): WITHOUT the credential, through helpers.httpRequest.
 *   Sending the api-key there would hand the account's secret to a third party. This is the
 *   one module allowed to call helpers.httpRequest for that reason (eslint.config.mjs).
 *
 * Redirects are followed here, one hop at a time, so each hop gets that choice again: a
 * redirect from the Atlas API to a storage host never carries the api-key.
 */

export type RecordingContext = IExecuteFunctions | IWebhookFunctions;

const MB = 1024 * 1024;
const MAX_REDIRECTS = 5;
const DOWNLOAD_TIMEOUT_MS = 120_000;

export interface DownloadRecordingOptions {
	/** Largest download accepted; larger ones fail before or while downloading (default 25 MB). */
	maxBytes?: number;
	/** File name of the binary data (default: the URL's last path segment, else recording.mp3). */
	fileName?: string;
}

type Body = AsyncIterable<Uint8Array | string> & { destroy?: (error?: Error) => void };

function isStream(body: unknown): body is Body {
	return typeof body === 'object' && body !== null && Symbol.asyncIterator in body;
}

function discard(body: unknown): void {
	if (isStream(body) && typeof body.destroy === 'function') body.destroy();
}

function header(response: IN8nHttpFullResponse, name: string): string | undefined {
	const value = (response.headers ?? {})[name];
	const first = Array.isArray(value) ? value[0] : value;
	return first === undefined || first === null ? undefined : String(first);
}

function describeSize(bytes: number): string {
	return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

async function readBody(
	body: unknown,
	maxBytes: number,
	tooLarge: (bytes: number) => Error,
): Promise<Buffer> {
	if (Buffer.isBuffer(body)) {
		if (body.length > maxBytes) throw tooLarge(body.length);
		return body;
	}
	if (body instanceof ArrayBuffer || body instanceof Uint8Array) {
		const buffer = Buffer.from(body as Uint8Array);
		if (buffer.length > maxBytes) throw tooLarge(buffer.length);
		return buffer;
	}
	if (typeof body === 'string')
		return await readBody(Buffer.from(body, 'binary'), maxBytes, tooLarge);
	if (!isStream(body)) return Buffer.alloc(0);
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body) {
		const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'binary') : Buffer.from(chunk);
		size += buffer.length;
		if (size > maxBytes) {
			discard(body);
			throw tooLarge(size);
		}
		chunks.push(buffer);
	}
	return Buffer.concat(chunks);
}

/**
 * Downloads a recording and returns it as n8n binary data (`prepareBinaryData`), ready for
 * `item.binary.recording`. Throws a NodeOperationError whose message says why (not a URL,
 * HTTP status, too large, unreachable); callers that must never lose the item catch it and
 * put the message in a `recordingError` field.
 */
export async function downloadRecording(
	ctx: RecordingContext,
	url: string,
	options: DownloadRecordingOptions = {},
): Promise<IBinaryData> {
	const maxBytes =
		options.maxBytes && options.maxBytes > 0 ? options.maxBytes : DEFAULT_MAX_RECORDING_MB * MB;
	const fail = (message: string) => new NodeOperationError(ctx.getNode(), message);
	const tooLarge = (bytes: number) =>
		fail(
			`The recording is larger than the limit (${describeSize(bytes)}${bytes > maxBytes ? '' : '+'} > ${describeSize(maxBytes)}): raise Max Recording Size (MB) to download it`,
		);

	let current: URL;
	try {
		current = new URL(url);
	} catch {
		throw fail(`The recording URL is not a valid URL: ${String(url).slice(0, 200)}`);
	}
	const atlasOrigin = new URL(await getBaseUrl.call(ctx)).origin;

	for (let hop = 0; ; hop++) {
		if (current.protocol !== 'https:' && current.protocol !== 'http:') {
			throw fail(`The recording URL must be http or https, not ${current.protocol}`);
		}
		const request: IHttpRequestOptions = {
			method: 'GET',
			url: current.toString(),
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: DOWNLOAD_TIMEOUT_MS,
			headers: { accept: 'audio/*, application/octet-stream;q=0.9, */*;q=0.5' },
		};
		let response: IN8nHttpFullResponse;
		try {
			response =
				current.origin === atlasOrigin
					? ((await ctx.helpers.httpRequestWithAuthentication.call(
							ctx,
							CREDENTIAL_NAME,
							request,
						)) as IN8nHttpFullResponse)
					: ((await ctx.helpers.httpRequest(request)) as IN8nHttpFullResponse);
		} catch (error) {
			throw fail(
				`The recording could not be downloaded from ${current.host} (${networkFailure(error)})`,
			);
		}

		const status = response.statusCode;
		if (status >= 300 && status < 400 && header(response, 'location')) {
			discard(response.body);
			if (hop >= MAX_REDIRECTS)
				throw fail(`The recording URL redirected more than ${MAX_REDIRECTS} times`);
			current = new URL(header(response, 'location') as string, current);
			continue;
		}
		if (status < 200 || status >= 300) {
			discard(response.body);
			throw fail(`The recording could not be downloaded from ${current.host}: HTTP ${status}`);
		}
		const declared = Number(header(response, 'content-length'));
		if (Number.isFinite(declared) && declared > maxBytes) {
			discard(response.body);
			throw tooLarge(declared);
		}
		const data = await readBody(response.body, maxBytes, tooLarge);
		if (data.length === 0) throw fail(`The recording at ${current.host} is empty`);
		const mimeType = (header(response, 'content-type') ?? '').split(';')[0].trim() || 'audio/mpeg';
		const lastSegment = current.pathname.split('/').pop() ?? '';
		const fileName = options.fileName ?? (lastSegment || 'recording.mp3');
		return await ctx.helpers.prepareBinaryData(data, fileName, mimeType);
	}
}
