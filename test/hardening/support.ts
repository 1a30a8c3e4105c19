// Helpers of the hardening suite (test/hardening/): one real n8n per line (debug log) from the
// real-n8n rig (test/rig), raw HTTP deliveries, the trigger's stored state and the events sent.
import assert from 'node:assert/strict';
import { Agent, request } from 'undici';
import { recordKeys } from '../../nodes/AtlasTrigger/dedupe/seenRecord';
import type { Subscription } from '../emulator';
import { type AtlasRig, type Line, TRIGGER, packOnce, startRig as startAtlasRig } from '../rig';

export type Obj = Record<string, any>;
export type Rig = AtlasRig;

/** Emulator + n8n of one line with the package installed like a community package, debug log. */
export async function startRig(line: Line): Promise<Rig> {
	return await startAtlasRig({
		line,
		packageTarball: packOnce('hardening'),
		apiKeyPrefix: 'hk-',
		credentialName: `Atlas hardening ${line}`,
		logLevel: 'debug',
	});
}

export interface Answer {
	status: number;
	text: string;
	json: any;
	contentType: string;
}

/** One raw HTTP request (no emulator in between): any method, body and headers. */
export async function send(
	url: string,
	{
		method = 'POST',
		body,
		contentType = 'application/json',
		headers = {},
	}: {
		method?: string;
		body?: string | Buffer;
		contentType?: string | null;
		headers?: Record<string, string>;
	} = {},
): Promise<Answer> {
	const h: Record<string, string> = { ...headers };
	if (contentType !== null) h['content-type'] = contentType;
	const res = await fetch(url, {
		method,
		headers: h,
		body: body === undefined ? undefined : body,
		signal: AbortSignal.timeout(60_000),
	});
	const text = await res.text();
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: res.status, text, json, contentType: res.headers.get('content-type') ?? '' };
}

/**
 * POSTs a JSON body through a pool of at most `connections` keep-alive sockets (the way Atlas's
 * gateway would): more requests in flight wait for a free socket instead of opening hundreds.
 * Network failures come back as `status: 0` with the error's code, never as a throw.
 */
export function postPool(connections: number): {
	post: (url: string, body: string) => Promise<Answer & { error?: string }>;
	close: () => Promise<void>;
} {
	const agent = new Agent({ connections, keepAliveTimeout: 1_000 });
	return {
		post: async (url, body) => {
			try {
				const res = await request(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body,
					dispatcher: agent,
					headersTimeout: 60_000,
					bodyTimeout: 60_000,
				});
				const text = await res.body.text();
				let json: any;
				try {
					json = JSON.parse(text);
				} catch {
					json = undefined;
				}
				return {
					status: res.statusCode,
					text,
					json,
					contentType: String(res.headers['content-type'] ?? ''),
				};
			} catch (error) {
				const e = error as Error & { code?: string; cause?: { code?: string } };
				return {
					status: 0,
					text: '',
					json: undefined,
					contentType: '',
					error: `${e.code ?? e.cause?.code ?? ''} ${e.message}`,
				};
			}
		},
		close: async () => await agent.close(),
	};
}

/** n8n's health endpoint answers 200 (the server is still up). */
export async function assertHealthy(rig: Rig, what: string): Promise<void> {
	const res = await fetch(`${rig.n8n.baseUrl}/healthz`, { signal: AbortSignal.timeout(10_000) });
	assert.equal(res.status, 200, `n8n healthy after ${what}`);
	await res.text();
}

/** The keys of the `seen` blob in the trigger's static data, as the workflow GET returns it. */
export function seenKeys(workflow: Obj): string[] | undefined {
	const blob =
		workflow.staticData?.[`node:${TRIGGER}`]?.seen ?? workflow.staticData?.node?.[TRIGGER]?.seen;
	if (typeof blob !== 'string') return undefined;
	return recordKeys(blob);
}

export function triggerStaticData(workflow: Obj): Obj | undefined {
	return workflow.staticData?.[`node:${TRIGGER}`] ?? workflow.staticData?.node?.[TRIGGER];
}

export function subscriptionRows(
	subs: Array<Pick<Subscription, 'hookUrl' | 'campaignId' | 'triggerName'>>,
): string[] {
	return subs
		.map(
			(s) =>
				`${s.triggerName} ${s.campaignId} ${s.hookUrl.replace(/([?&]token=)[^&]+/, '$1<token>')}`,
		)
		.sort();
}

export function callEvent(callId: string, extra: Obj = {}): Obj {
	return {
		callId,
		campaignId: 'cmp_support',
		customerPhoneNumber: '+13125550199',
		customerName: 'Erin Example',
		direction: 'inbound',
		startedAt: '2026-01-02T03:04:05Z',
		...extra,
	};
}
