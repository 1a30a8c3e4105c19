// Hardening: bad input, faults, load and secrets against a real n8n per line
// (1.123 on Node 20, 2.41 on Node 24; env N8N_LINES=1,2, default both, run one after the
// other so the load test has the machine to itself), the package installed like a community
// package, n8n logging at debug level, the Atlas emulator in-process. One boot per line plus
// one restart; the tests of a line run in order and build on each other.
//   npm run test:hardening      (builds first)
// README "Hardening: what was tried" is the table of what these tests assert.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { hashKey } from '../../nodes/AtlasTrigger/dedupe/seenRecord';
import {
	ExecutionCounter,
	HttpError,
	TRIGGER,
	type Workflow,
	nodeItems,
	selectedLines,
	sleep,
	tokenOf,
	triggerUrl,
	triggerWorkflow,
	waitFor,
} from '../rig';
import {
	type Answer,
	type Obj,
	type Rig,
	assertHealthy,
	callEvent,
	send,
	postPool,
	seenKeys,
	startRig,
	triggerStaticData,
} from './support';

const REPORT = (
	r: Partial<Record<'received' | 'accepted' | 'duplicates' | 'ignored' | 'invalid', number>>,
) => ({
	received: 0,
	accepted: 0,
	duplicates: 0,
	ignored: 0,
	invalid: 0,
	...r,
});
const NOT_ARRAY = /The body must be a JSON array of Atlas events/;
const UNAUTHORIZED = /accepts only deliveries from the Atlas subscription it made/;
const SUBSCRIBE = '/events-gateway/trigger/subscribe';
const UNSUBSCRIBE = '/events-gateway/trigger/unsubscribe';

/** A bad-input case: one request, its designed answer, and what must (not) be executed. */
interface Case {
	name: string;
	/** Builds the request; `url(event?, token?)` is the production URL with query. */
	request: (url: (query?: Record<string, TokenValue>) => string) => {
		url: string;
		method?: string;
		body?: string | Buffer;
		contentType?: string | null;
		headers?: Record<string, string>;
	};
	status: number | ((line: number) => number);
	/** Our JSON report, or a pattern the answer's text must match. */
	answer?: Obj | RegExp | ((line: number) => Obj | RegExp);
	/** Executions it must start (default 0), and a check of their trigger items. */
	executions?: number | ((line: number) => number);
	items?: (items: Obj[]) => void;
}

const stamp = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

function deepObject(levels: number, leaf: unknown = 1): string {
	return '{"a":'.repeat(levels) + JSON.stringify(leaf) + '}'.repeat(levels);
}

const NASTY =
	'nul\u0000 bel\u0007 esc\u001b[31m tab\t nl\n cr\r ls\u2028 ps\u2029 bidi\u202e zw\u200b emoji😀 rtl שלום cjk 漢字 math𝕏 ';

function buildCases(): Case[] {
	const id = (p: string) => `${p}_${stamp()}`;
	const cases: Case[] = [];
	const add = (c: Case) => cases.push(c);
	const json = (v: unknown) => JSON.stringify(v);

	// --- the body ---------------------------------------------------------------------------
	add({
		name: 'empty body (application/json)',
		request: (u) => ({ url: u(), body: '' }),
		status: 400,
		answer: NOT_ARRAY,
	});
	add({
		name: 'not JSON (text/plain)',
		request: (u) => ({ url: u(), body: 'hello atlas', contentType: 'text/plain' }),
		status: 400,
		answer: NOT_ARRAY,
	});
	add({
		name: 'broken JSON as application/json (n8n parses first)',
		request: (u) => ({ url: u(), body: '{"callId": "br' }),
		status: 422,
		answer: /Failed to parse request body/,
	});
	add({
		name: 'broken JSON as text/plain',
		request: (u) => ({ url: u(), body: '[{"callId": "br', contentType: 'text/plain' }),
		status: 400,
		answer: NOT_ARRAY,
	});
	add({
		name: 'JSON null',
		request: (u) => ({ url: u(), body: 'null' }),
		status: 400,
		answer: NOT_ARRAY,
	});
	add({
		name: 'JSON number',
		request: (u) => ({ url: u(), body: '42' }),
		status: 400,
		answer: NOT_ARRAY,
	});
	add({
		name: 'JSON string',
		request: (u) => ({ url: u(), body: '"call_1"' }),
		status: 400,
		answer: NOT_ARRAY,
	});
	add({
		name: 'JSON boolean',
		request: (u) => ({ url: u(), body: 'true' }),
		status: 400,
		answer: NOT_ARRAY,
	});
	add({
		name: 'empty array',
		request: (u) => ({ url: u(), body: '[]' }),
		status: 200,
		answer: REPORT({}),
	});
	add({
		name: 'empty object (a single event without identity)',
		request: (u) => ({ url: u(), body: '{}' }),
		status: 200,
		answer: REPORT({ received: 1, invalid: 1 }),
		executions: 1,
		items: (items) =>
			assert.deepEqual(items, [
				{ event: 'call_started', error: 'The call event has no call ID (callId)' },
			]),
	});
	{
		const callId = id('single_object');
		add({
			name: 'a single event object instead of an array',
			request: (u) => ({ url: u(), body: json(callEvent(callId)) }),
			status: 200,
			answer: REPORT({ received: 1, accepted: 1 }),
			executions: 1,
			items: (items) =>
				assert.deepEqual(
					items.map((i) => i.callId),
					[callId],
				),
		});
	}
	{
		const callId = id('ten_mb');
		const transcript = 'AI: hello. '
			.repeat(Math.ceil((10 * 1024 * 1024) / 11))
			.slice(0, 10 * 1024 * 1024);
		add({
			name: 'a 10 MB body (one call_completed with a 10 MB transcript)',
			request: (u) => ({
				url: u({ event: 'call_completed' }),
				body: json([
					{ callId, campaignId: 'cmp_sales', transcript, endedAt: '2026-01-02T03:04:05Z' },
				]),
			}),
			status: 200,
			answer: REPORT({ received: 1, accepted: 1 }),
			executions: 1,
			items: (items) => {
				assert.equal(items[0].callId, callId);
				assert.equal(items[0].transcript.length, transcript.length, 'the transcript arrives whole');
			},
		});
	}
	add({
		name: "a 17 MB body (over n8n's 16 MB N8N_PAYLOAD_SIZE_MAX: n8n answers before the node)",
		request: (u) => ({
			url: u(),
			body: json([{ callId: 'too_big', transcript: 'x'.repeat(17 * 1024 * 1024) }]),
		}),
		status: 500,
		answer: /There was a problem executing the workflow/,
	});
	add({
		name: 'array nested 100,000 levels deep',
		request: (u) => ({ url: u(), body: '['.repeat(100_000) + ']'.repeat(100_000) }),
		status: 400,
		answer: /nested more than 64 levels deep/,
	});
	{
		const callId = id('deep');
		add({
			name: 'a valid event carrying an object nested 5,000 levels deep: kept, the deep part as JSON text',
			request: (u) => ({
				url: u(),
				body: `[{"callId":"${callId}","extra":${deepObject(5000)}}]`,
			}),
			status: 200,
			answer: REPORT({ received: 1, accepted: 1 }),
			executions: 1,
			items: (items) => {
				assert.equal(items[0].callId, callId);
				assert.match(String(items[0].depthNote), /kept as JSON text: extra/);
				let v: any = items[0].extra;
				let depth = 0;
				while (v && typeof v === 'object') {
					v = v.a;
					depth++;
				}
				assert.equal(typeof v, 'string', 'the part nested too deep is text');
				assert.ok(depth < 64, `n8n stores and shows the rest (${depth} levels)`);
			},
		});
	}
	{
		const callId = id('nested_50');
		add({
			name: 'an event with an object nested 50 levels deep (under the limit)',
			request: (u) => ({
				url: u(),
				body: `[{"callId":"${callId}","extra":${deepObject(50, 'leaf')}}]`,
			}),
			status: 200,
			answer: REPORT({ received: 1, accepted: 1 }),
			executions: 1,
			items: (items) => {
				let v: any = items[0].extra;
				for (let i = 0; i < 50; i++) v = v.a;
				assert.equal(
					v,
					'leaf',
					'the nested value arrives whole and the execution can be read back',
				);
			},
		});
	}
	{
		const ids = Array.from({ length: 5000 }, (_, i) => id(`bulk${i}`));
		add({
			name: 'an array of 5,000 events',
			request: (u) => ({ url: u(), body: json(ids.map((callId) => callEvent(callId))) }),
			status: 200,
			answer: REPORT({ received: 5000, accepted: 5000 }),
			executions: 1,
			items: (items) =>
				assert.deepEqual(
					items.map((i) => i.callId),
					ids,
					'all 5,000, in order',
				),
		});
	}
	{
		const a = id('mixed_a');
		const b = id('mixed_b');
		add({
			name: 'valid and invalid events mixed',
			request: (u) => ({
				url: u(),
				body: json([
					callEvent(a),
					42,
					null,
					'text',
					[1],
					{ campaignId: 'cmp_support' },
					callEvent(b),
				]),
			}),
			status: 200,
			answer: REPORT({ received: 7, accepted: 2, invalid: 5 }),
			executions: 1,
			items: (items) => {
				assert.equal(items.length, 7, 'one item per event, in delivery order');
				assert.deepEqual(
					items.map((i) => i.callId ?? null),
					[a, null, null, null, null, null, b],
				);
				assert.deepEqual(
					items.slice(1, 6).map((i) => i.error),
					[
						'Not an event object (got a number)',
						'Not an event object (got null)',
						'Not an event object (got a string)',
						'Not an event object (got an array)',
						'The call event has no call ID (callId)',
					],
				);
			},
		});
	}
	{
		const a = id('dup_in_batch');
		add({
			name: 'the same event twice in one delivery',
			request: (u) => ({ url: u(), body: json([callEvent(a), callEvent(a)]) }),
			status: 200,
			answer: REPORT({ received: 2, accepted: 1, duplicates: 1 }),
			executions: 1,
			items: (items) =>
				assert.deepEqual(
					items.map((i) => i.callId),
					[a],
				),
		});
	}
	{
		const a = id('PascalCase');
		const b = id('snake');
		add({
			name: 'unknown event shapes: other casings, unknown fields, numeric ids',
			request: (u) => ({
				url: u(),
				body: json([
					{ CallID: a, CampaignId: 'cmp_sales', Mystery: { x: [1, 2] } },
					{ call_id: b, weird_field: true },
					{ callId: 12345, campaignId: 7 },
				]),
			}),
			status: 200,
			answer: REPORT({ received: 3, accepted: 3 }),
			executions: 1,
			items: (items) => {
				assert.deepEqual(
					items.map((i) => i.callId),
					[a, b, '12345'],
				);
				assert.deepEqual(items[0].Mystery, { x: [1, 2] }, 'unknown fields are kept');
				assert.equal(items[1].weird_field, true);
			},
		});
	}
	add({
		name: 'an event name Atlas does not have (?event=call_exploded)',
		request: (u) => ({ url: u({ event: 'call_exploded' }), body: json([callEvent(id('x'))]) }),
		status: 200,
		answer: REPORT({ received: 1, ignored: 1 }),
	});
	add({
		name: 'an event this trigger did not select (?event=message_sent)',
		request: (u) => ({ url: u({ event: 'message_sent' }), body: json([callEvent(id('x'))]) }),
		status: 200,
		answer: REPORT({ received: 1, ignored: 1 }),
	});
	add({
		name: 'no event in the query',
		request: (u) => ({ url: u({ event: undefined }), body: json([callEvent(id('x'))]) }),
		status: 200,
		answer: REPORT({ received: 1, ignored: 1 }),
	});
	add({
		name: 'the event given twice in the query',
		request: (u) => ({
			url: u({ event: ['call_started', 'call_completed'] }),
			body: json([callEvent(id('x'))]),
		}),
		status: 200,
		answer: REPORT({ received: 1, ignored: 1 }),
	});

	// --- Content-Type ------------------------------------------------------------------------
	for (const [label, contentType] of [
		['text/plain', 'text/plain'],
		['no Content-Type', null],
		['application/octet-stream', 'application/octet-stream'],
		['application/json; charset=utf-8', 'application/json; charset=utf-8'],
		['JSON as application/x-www-form-urlencoded', 'application/x-www-form-urlencoded'],
	] as const) {
		const callId = id(`ct_${label.replace(/\W+/g, '_')}`);
		add({
			name: `valid events sent as ${label}`,
			request: (u) => ({ url: u(), body: json([callEvent(callId)]), contentType }),
			status: 200,
			answer: REPORT({ received: 1, accepted: 1 }),
			executions: 1,
			items: (items) =>
				assert.deepEqual(
					items.map((i) => i.callId),
					[callId],
				),
		});
	}
	add({
		name: 'an XML body (application/xml)',
		request: (u) => ({
			url: u(),
			body: '<events><event><callId>x1</callId></event></events>',
			contentType: 'application/xml',
		}),
		status: 400,
		answer: NOT_ARRAY,
	});
	add({
		name: 'form fields (application/x-www-form-urlencoded)',
		request: (u) => ({
			url: u(),
			body: 'callId=x1&campaignId=cmp_sales',
			contentType: 'application/x-www-form-urlencoded',
		}),
		status: 400,
		answer: NOT_ARRAY,
	});
	add({
		name: 'multipart/form-data',
		request: (u) => ({
			url: u(),
			body: '--XX\r\nContent-Disposition: form-data; name="callId"\r\n\r\nx1\r\n--XX--\r\n',
			contentType: 'multipart/form-data; boundary=XX',
		}),
		status: 400,
		answer: NOT_ARRAY,
	});
	{
		const callId = id('bom');
		add({
			name: 'JSON with a UTF-8 byte order mark',
			request: (u) => ({ url: u(), body: `\ufeff${json([callEvent(callId)])}` }),
			// 1.123's body parser refuses it; 2.41's strips the BOM
			status: (line) => (line === 1 ? 422 : 200),
			answer: (line) =>
				line === 1 ? /Failed to parse request body/ : REPORT({ received: 1, accepted: 1 }),
			executions: (line) => (line === 1 ? 0 : 1),
			items: (items) =>
				assert.deepEqual(
					items.map((i) => i.callId),
					[callId],
				),
		});
	}

	// --- HTTP method (the webhook is registered for POST only: n8n answers) -------------------
	for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
		add({
			name: `${method} instead of POST`,
			request: (u) => ({
				url: u(),
				method,
				body: method === 'GET' || method === 'DELETE' ? undefined : json([callEvent(id('m'))]),
				contentType: method === 'GET' ? null : 'application/json',
			}),
			status: 404,
			answer: new RegExp(`not registered for ${method} requests`),
		});
	}

	// --- the token (checked before anything else) ---------------------------------------------
	const body = () => json([callEvent(id('tok'))]);
	add({
		name: 'token missing',
		request: (u) => ({ url: u({ token: undefined }), body: body() }),
		status: 401,
		answer: UNAUTHORIZED,
	});
	add({
		name: 'token empty',
		request: (u) => ({ url: u({ token: '' }), body: body() }),
		status: 401,
		answer: UNAUTHORIZED,
	});
	add({
		name: 'token wrong (random, same length)',
		request: (u) => ({ url: u({ token: randomBytes(24).toString('base64url') }), body: body() }),
		status: 401,
		answer: UNAUTHORIZED,
	});
	add({
		name: 'token near miss (last character changed)',
		request: (u) => ({
			url: u({ token: (t) => t.slice(0, -1) + (t.endsWith('A') ? 'B' : 'A') }),
			body: body(),
		}),
		status: 401,
		answer: UNAUTHORIZED,
	});
	add({
		name: 'token near miss (one character short)',
		request: (u) => ({ url: u({ token: (t) => t.slice(0, -1) }), body: body() }),
		status: 401,
		answer: UNAUTHORIZED,
	});
	add({
		name: 'token near miss (one character more)',
		request: (u) => ({ url: u({ token: (t) => `${t}x` }), body: body() }),
		status: 401,
		answer: UNAUTHORIZED,
	});
	add({
		name: 'token in the wrong case',
		request: (u) => ({ url: u({ token: (t) => swapCase(t) }), body: body() }),
		status: 401,
		answer: UNAUTHORIZED,
	});
	add({
		name: 'token given twice (?token=T&token=T)',
		request: (u) => ({ url: u({ token: (t) => [t, t] }), body: body() }),
		status: 401,
		answer: UNAUTHORIZED,
	});
	add({
		name: 'token in a header instead of the query',
		request: (u) => ({
			url: u({ token: undefined }),
			body: body(),
			headers: { token: '(the right token)', authorization: 'Bearer (the right token)' },
		}),
		status: 401,
		answer: UNAUTHORIZED,
	});
	add({
		name: 'wrong token and a body that is not JSON (the token is checked first)',
		request: (u) => ({ url: u({ token: 'nope' }), body: 'not json', contentType: 'text/plain' }),
		status: 401,
		answer: UNAUTHORIZED,
	});

	// --- content ------------------------------------------------------------------------------
	{
		const callId = `${id('unicode')}_${NASTY}`;
		const event: Obj = {
			callId,
			campaignId: `cmp_${NASTY}`,
			customerPhoneNumber: `+1${NASTY}`,
			customerName: NASTY,
			direction: NASTY,
			summary: NASTY,
			transcript: NASTY,
			recordingUrl: `https://x.test/${NASTY}`,
			status: NASTY,
			endedReason: NASTY,
			startedAt: NASTY,
			endedAt: NASTY,
			[`key_${NASTY}`]: NASTY,
			messages: [{ role: NASTY, message: NASTY, time: NASTY }],
		};
		add({
			name: 'unicode and control characters in every field (call_completed)',
			request: (u) => ({ url: u({ event: 'call_completed' }), body: json([event]) }),
			status: 200,
			answer: REPORT({ received: 1, accepted: 1 }),
			executions: 1,
			items: ([item]) => {
				assert.equal(item.callId, callId.trim());
				for (const field of [
					'customerName',
					'summary',
					'transcript',
					'status',
					'endedReason',
					'direction',
				]) {
					assert.equal(item[field], NASTY.trim(), `${field} arrives unchanged (trimmed)`);
				}
				assert.equal(item[`key_${NASTY}`], NASTY, 'an unknown field with such a name is kept');
				// the conversation in our names, the text as sent (trimmed)
				assert.deepEqual(
					item.messages,
					event.messages.map((m: Obj) => ({
						role: m.role.trim(),
						message: m.message.trim(),
						time: m.time.trim(),
					})),
				);
			},
		});
		const msg = {
			messageId: `m_${NASTY}_${stamp()}`,
			campaignId: 'cmp_chat',
			customerNumber: NASTY,
			customerName: NASTY,
			message: NASTY,
			channel: NASTY,
			receivedAt: NASTY,
		};
		add({
			name: 'unicode and control characters in every field (message_received)',
			request: (u) => ({ url: u({ event: 'message_received' }), body: json([msg]) }),
			status: 200,
			answer: REPORT({ received: 1, accepted: 1 }),
			executions: 1,
			items: ([item]) => {
				assert.equal(item.message, NASTY.trim());
				assert.equal(item.messageId, msg.messageId.trim());
				assert.equal(item.customerName, NASTY.trim());
			},
		});
	}
	{
		const callId = id('lone_surrogate');
		add({
			name: 'a lone UTF-16 surrogate and U+FFFF in a field',
			request: (u) => ({
				url: u(),
				body: `[{"callId":"${callId}","customerName":"a\\ud800b\\uffff"}]`,
			}),
			status: 200,
			answer: REPORT({ received: 1, accepted: 1 }),
			executions: 1,
			items: ([item]) => {
				assert.equal(item.callId, callId);
				assert.equal(typeof item.customerName, 'string');
			},
		});
	}
	{
		const a = id('proto');
		const b = id('after_proto');
		add({
			name: '__proto__, constructor and prototype keys',
			request: (u) => ({
				url: u(),
				body: `[{"callId":"${a}","__proto__":{"polluted":"yes","callId":"from_proto"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"},"hasOwnProperty":"no"},{"__proto__":{"callId":"only_proto"}},${json(callEvent(b))}]`,
			}),
			status: 200,
			answer: REPORT({ received: 3, accepted: 2, invalid: 1 }),
			executions: 1,
			items: (items) => {
				assert.deepEqual(
					items.map((i) => i.callId ?? null),
					[a, null, b],
					'a callId only under __proto__ does not count',
				);
				assert.equal(items[1].error, 'The call event has no call ID (callId)');
				assert.equal(items[2].polluted, undefined, 'no prototype pollution reaches the next event');
				assert.equal(({} as Obj).polluted, undefined);
			},
		});
	}
	{
		const callId = `${id('long')}_${'x'.repeat(100_000)}`;
		add({
			name: 'a 100,000-character call ID',
			request: (u) => ({ url: u(), body: json([callEvent(callId)]) }),
			status: 200,
			answer: REPORT({ received: 1, accepted: 1 }),
			executions: 1,
			items: ([item]) => assert.equal(item.callId, callId),
		});
	}
	return cases;
}

function swapCase(s: string): string {
	const swapped = [...s]
		.map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()))
		.join('');
	return swapped === s ? `${s.slice(0, -1)}Z` : swapped;
}

type TokenValue = string | string[] | undefined | ((token: string) => string | string[]);

for (const line of selectedLines()) {
	describe(`hardening: n8n ${line}.x`, { concurrency: false }, () => {
		let rig: Rig;
		const started = Date.now();
		/** Every activation error message seen (checked for secrets at the end). */
		const errorTexts: string[] = [];
		/** Workflows and their executions counters. */
		let badInput: Workflow;
		let badExec: ExecutionCounter;
		let badToken = '';
		let load: Workflow;
		let loadExec: ExecutionCounter;
		let loadIds: string[] = [];
		const timings: string[] = [];
		let tokenInSnapshots = -1;
		let snapshotsWithTriggerState = 0;
		/** A lone Atlas Trigger (default: three events, all campaigns) with the rig's credential. */
		const workflowOf = (name: string, parameters: Obj = {}) =>
			triggerWorkflow(name, rig.credential, {
				events: ['call_started', 'call_completed', 'message_received'],
				...parameters,
			});

		const step = (name: string, fn: () => Promise<void>, timeout = 300_000) =>
			test(name, { timeout }, async () => {
				const t = Date.now();
				try {
					await fn();
				} catch (error) {
					rig?.secrets.addTokensOf(rig.emu);
					const log =
						rig?.n8n
							.readLog()
							.split('\n')
							.filter((l) => !/migration/i.test(l))
							.slice(-60)
							.join('\n') ?? '';
					console.error(
						`\n# n8n ${line}.x: "${name}" failed; n8n log tail:\n${rig?.secrets.redact(log)}`,
					);
					await badExec?.resync().catch(() => undefined);
					await loadExec?.resync().catch(() => undefined);
					throw error;
				} finally {
					timings.push(`${name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
				}
			});

		before(async () => {
			rig = await startRig(line);
			console.log(`# n8n ${rig.n8n.version}: boot ${rig.n8n.bootMs} ms`);
		});

		after(async () => {
			await rig?.n8n.stop();
			await rig?.emu.close();
			console.log(
				`# n8n ${line}.x hardening: ${Math.round((Date.now() - started) / 1000)} s\n#   ${timings.join('\n#   ')}`,
			);
		});

		/** Activates and waits until Atlas holds `n` subscriptions of this workflow and the URL is served. */
		async function activateAndWait(wf: Workflow, n: number): Promise<string> {
			await rig.client.activate(wf.id, { timeout: 60_000 });
			const base = triggerUrl(rig.n8n.baseUrl, wf);
			const subs = await waitFor(
				() => {
					const mine = rig.emu.subscriptions().filter((s) => s.hookUrl.startsWith(base));
					return mine.length === n ? mine : undefined;
				},
				{ what: `${n} subscriptions of ${wf.name}`, timeout: 30_000 },
			);
			rig.secrets.addTokensOf(rig.emu);
			const token = tokenOf(subs[0].hookUrl);
			await waitFor(
				async () =>
					(await send(`${base}?event=call_started&token=x`, { body: '[]' })).status === 401,
				{ what: 'the webhook to be served', timeout: 30_000 },
			);
			return token;
		}

		const subsOf = (wf: Workflow) =>
			rig.emu.subscriptions().filter((s) => s.hookUrl.startsWith(triggerUrl(rig.n8n.baseUrl, wf)));

		step(
			'bad input: every case gets its designed answer, the server stays up, valid events are delivered',
			async () => {
				badInput = await rig.client.createWorkflow(workflowOf(`hardening bad input ${line}`));
				badExec = new ExecutionCounter(rig.client, badInput.id, 1_000);
				badToken = await activateAndWait(badInput, 3);
				const base = triggerUrl(rig.n8n.baseUrl, badInput);
				const atlasSeq = rig.emu.requests().at(-1)?.seq ?? 0;
				const cases = buildCases();
				assert.ok(cases.length >= 30, `${cases.length} cases`);
				const failures: string[] = [];
				for (const c of cases) {
					const url = (query: Record<string, TokenValue> = {}) => {
						const q = { event: 'call_started', token: badToken as TokenValue, ...query };
						const u = new URL(base);
						for (const [k, raw] of Object.entries(q)) {
							const v = typeof raw === 'function' ? raw(badToken) : raw;
							if (v === undefined) continue;
							for (const one of [v].flat()) u.searchParams.append(k, one);
						}
						return u.toString();
					};
					const req = c.request(url);
					const status = typeof c.status === 'function' ? c.status(line) : c.status;
					const expected = typeof c.answer === 'function' ? c.answer(line) : c.answer;
					const executions =
						typeof c.executions === 'function' ? c.executions(line) : (c.executions ?? 0);
					try {
						const answer: Answer = await send(req.url, req);
						assert.equal(answer.status, status, `status (answer: ${answer.text.slice(0, 200)})`);
						if (expected instanceof RegExp) assert.match(answer.text, expected);
						else if (expected) assert.deepEqual(answer.json, expected);
						const fresh = await badExec.expectNew(executions, { what: c.name, timeout: 60_000 });
						for (const e of fresh) assert.equal(e.status, 'success', `execution ${e.id} succeeded`);
						if (executions > 0 && c.items) c.items(nodeItems(fresh[0], TRIGGER));
						await assertHealthy(rig, c.name);
					} catch (error) {
						failures.push(
							`${c.name}: ${rig.secrets.redact((error as Error).message).slice(0, 600)}`,
						);
						await badExec.resync();
					}
				}
				console.log(
					`# n8n ${line}.x: ${cases.length} bad-input cases, ${cases.length - failures.length} as designed`,
				);
				assert.deepEqual(failures, [], `${failures.length} of ${cases.length} cases failed`);
				assert.deepEqual(
					rig.emu
						.requests()
						.filter((r) => r.seq > atlasSeq)
						.map((r) => `${r.method} ${r.path}`),
					[],
					'no Atlas call while receiving',
				);
			},
		);

		step(
			'load: 1,000 single-event deliveries in 10 s, 10 % duplicates: exactly the 900 unique events run, none lost',
			async () => {
				load = await rig.client.createWorkflow(
					workflowOf(`hardening load ${line}`, { events: ['call_started'] }),
				);
				loadExec = new ExecutionCounter(rig.client, load.id, 2_000);
				const token = await activateAndWait(load, 1);
				const url = `${triggerUrl(rig.n8n.baseUrl, load)}?event=call_started&token=${token}`;
				const run = stamp();
				loadIds = Array.from({ length: 900 }, (_, i) => `load_${run}_${i}`);
				// 900 originals; 100 re-deliveries of earlier events, each 1-30 positions after its original
				const order: string[] = [...loadIds];
				for (let k = 0; k < 100; k++) {
					const original = 9 * k + Math.floor(Math.random() * 9);
					const at = order.indexOf(loadIds[original]) + 1 + Math.floor(Math.random() * 30);
					order.splice(Math.min(at, order.length), 0, loadIds[original]);
				}
				assert.equal(order.length, 1000);
				const pool = postPool(32);
				const t0 = Date.now();
				const answers = await Promise.all(
					order.map(async (callId, i) => {
						const wait = t0 + i * 10 - Date.now(); // 100 per second
						if (wait > 0) await sleep(wait);
						return await pool.post(url, JSON.stringify([callEvent(callId)]));
					}),
				);
				const sent = Date.now() - t0;
				// Atlas delivers at least once: what n8n did not answer 200 is delivered again
				const firstFailures = answers
					.filter((a) => a.status !== 200)
					.map((a) => `${a.status} ${a.error ?? a.text.slice(0, 80)}`);
				let retries = 0;
				for (let round = 0; round < 5 && answers.some((a) => a.status !== 200); round++) {
					await sleep(2_000);
					await Promise.all(
						answers.map(async (a, i) => {
							if (a.status === 200) return;
							retries++;
							answers[i] = await pool.post(url, JSON.stringify([callEvent(order[i])]));
						}),
					);
				}
				await pool.close();
				console.log(
					`# n8n ${line}.x: 1,000 deliveries sent over ${sent} ms; ${firstFailures.length} not answered 200 at first (${[...new Set(firstFailures.map((f) => f.slice(0, 60)))].join(' | ')}), ${retries} re-deliveries`,
				);
				const failed = answers
					.filter((a) => a.status !== 200)
					.map((a) => `${a.status} ${a.error ?? a.text.slice(0, 100)}`);
				assert.deepEqual(failed, [], 'every delivery answered 200 (after re-delivery)');
				const sum = (k: string) => answers.reduce((n, a) => n + (a.json?.[k] ?? 0), 0);
				assert.equal(sum('accepted'), 900, 'accepted');
				if (retries === 0) assert.equal(sum('duplicates'), 100, 'duplicates');
				const executions = await loadExec.expectNew(900, {
					timeout: 180_000,
					includeData: false,
					what: 'load',
				});
				assert.ok(
					executions.every((e) => e.status === 'success'),
					'all succeeded',
				);
				const ran: string[] = [];
				for (const e of await rig.client.executions({ workflowId: load.id, includeData: true }))
					ran.push(...nodeItems(e, TRIGGER).map((i) => i.callId));
				assert.equal(ran.length, 900, 'one item per execution');
				assert.deepEqual(
					[...ran].sort(),
					[...loadIds].sort(),
					'exactly the unique events, each once',
				);

				// the de-duplication record: one more (sequential) delivery writes the union back
				const last = `load_${run}_last`;
				assert.deepEqual(
					(await send(url, { body: JSON.stringify([callEvent(last)]) })).json,
					REPORT({ received: 1, accepted: 1 }),
				);
				await loadExec.expectNew(1, { includeData: false, what: 'the last load event' });
				const wf = await rig.client.getWorkflow(load.id);
				const keys = seenKeys(wf);
				assert.ok(
					keys,
					`the workflow GET exposes the trigger's static data: ${JSON.stringify(Object.keys((wf as Obj).staticData ?? {}))}`,
				);
				const expected = [...loadIds, last].map((callId) => hashKey(`call_started|${callId}`));
				assert.equal(keys!.length, new Set(keys).size, 'no key twice');
				assert.deepEqual(
					[...keys!].sort(),
					[...expected].sort(),
					'exactly the 901 events, none lost, nothing else',
				);
				assert.ok(
					keys!.every((k) => /^[A-Za-z0-9_-]{12}$/.test(k)),
					'well-formed keys',
				);
				const record = String(triggerStaticData(wf as Obj)?.seen);
				assert.match(
					record,
					/^![A-Za-z0-9_-]+\.[0-9a-z]+ ~[0-9a-z]+ [A-Za-z0-9_-]{12}( ~[0-9a-z]+| [A-Za-z0-9_-]{12})*$/,
					'a well-formed record (nodes/AtlasTrigger/dedupe/seenRecord.ts)',
				);
				await assertHealthy(rig, 'load');
			},
		);

		step(
			'n8n restarted between deliveries: no subscription lost or duplicated, every delivered event still known',
			async () => {
				const subsBefore = rig.emu
					.subscriptions()
					.map((s) => `${s.id} ${s.hookUrl}`)
					.sort();
				const seq = rig.emu.requests().at(-1)?.seq ?? 0;
				const base = triggerUrl(rig.n8n.baseUrl, badInput);
				const before = callEvent(`restart_before_${stamp()}`);
				const url = `${base}?event=call_started&token=${badToken}`;
				assert.deepEqual(
					(await send(url, { body: JSON.stringify([before]) })).json,
					REPORT({ received: 1, accepted: 1 }),
				);
				await badExec.expectNew(1, { includeData: false, what: 'before the restart' });

				await rig.n8n.restart();
				console.log(`# n8n ${line}.x: restart ${rig.n8n.bootMs} ms`);
				await rig.client.ensureLoggedIn();
				if (line === 2) {
					await rig.client.waitForPublication(badInput.id, 'published', 60_000);
					await rig.client.waitForPublication(load.id, 'published', 60_000);
				}
				await waitFor(
					async () =>
						(await send(`${base}?event=call_started&token=x`, { body: '[]' })).status === 401,
					{ what: 'the webhook after the restart', timeout: 60_000 },
				);

				assert.deepEqual(
					rig.emu
						.requests()
						.filter((r) => r.seq > seq)
						.map((r) => `${r.method} ${r.path}`),
					[],
					'no Atlas call at boot',
				);
				assert.deepEqual(
					rig.emu
						.subscriptions()
						.map((s) => `${s.id} ${s.hookUrl}`)
						.sort(),
					subsBefore,
					'the very same subscriptions',
				);

				const again = await send(url, { body: JSON.stringify([before]) });
				assert.deepEqual(
					again.json,
					REPORT({ received: 1, duplicates: 1 }),
					'the event from before the restart is a duplicate',
				);
				const after = callEvent(`restart_after_${stamp()}`);
				assert.deepEqual(
					(await send(url, { body: JSON.stringify([after]) })).json,
					REPORT({ received: 1, accepted: 1 }),
				);
				const [exec] = await badExec.expectNew(1, { what: 'after the restart' });
				assert.deepEqual(
					nodeItems(exec, TRIGGER).map((i) => i.callId),
					[after.callId],
				);

				// all 900 load events re-delivered to the restarted n8n: every one a duplicate (from the database)
				const loadUrl = `${triggerUrl(rig.n8n.baseUrl, load)}?event=call_started&token=${tokenOf(subsOf(load)[0].hookUrl)}`;
				const pool = postPool(16);
				const answers = await Promise.all(
					loadIds.map(async (id) => await pool.post(loadUrl, JSON.stringify([callEvent(id)]))),
				).finally(() => pool.close());
				assert.equal(
					answers.filter((a) => a.status === 200 && a.json?.duplicates === 1).length,
					900,
					'all 900 known after the restart',
				);
				await loadExec.expectNew(0, { what: 'load re-delivered after restart' });
			},
		);

		/** Activation with Atlas failing: the error where each line shows it, clean rollback, then success. */
		async function failedActivation(label: string, faults: () => void, message: RegExp) {
			const wf = await rig.client.createWorkflow(
				workflowOf(`hardening ${label} ${line}`, {
					events: ['call_started', 'call_completed'],
					campaignScope: 'selected',
					campaignIds: ['cmp_sales', 'cmp_support'],
				}),
			);
			const seq = rig.emu.requests().at(-1)?.seq ?? 0;
			faults();
			try {
				return await failedThenRecovered(label, wf, seq, message);
			} finally {
				rig.emu.clearFaults();
			}
		}

		async function failedThenRecovered(label: string, wf: Workflow, seq: number, message: RegExp) {
			const surfaced: string[] = [];
			if (line === 1) {
				// 1.123 runs create() inside the activate request and answers 400 with the message
				const error = await rig.client.activate(wf.id).then(
					() => undefined,
					(e: unknown) => e,
				);
				assert.ok(
					error instanceof HttpError && error.status === 400,
					`activation refused with 400: ${String(error)}`,
				);
				surfaced.push(String((error.body as Obj)?.message ?? ''));
				assert.equal(
					(await rig.client.getWorkflow(wf.id)).active,
					false,
					'1.123 leaves the workflow inactive',
				);
			} else {
				// 2.41 answers at once; create() runs (and is retried 4 times) in the background
				const answer = await rig.client.activate(wf.id, { wait: false });
				assert.ok(answer.id, 'the activate request itself succeeds');
				let last: unknown;
				const status = await waitFor(
					async () => {
						const s = await rig.client.publicationStatus(wf.id);
						last = s;
						return s.status === 'failed' || s.status === 'partial' ? s : undefined;
					},
					{ timeout: 120_000, interval: 500, what: 'publication to fail' },
				).catch((e: Error) => {
					throw new Error(`${e.message}; last status ${rig.secrets.redact(JSON.stringify(last))}`);
				});
				surfaced.push(...status.triggers.map((t) => t.errorMessage ?? ''));
			}
			const activationError = await rig.client
				.rest('GET', `/active-workflows/error/${wf.id}`)
				.catch((e: Error) => e.message);
			surfaced.push(
				typeof activationError === 'string' ? activationError : JSON.stringify(activationError),
			);
			errorTexts.push(...surfaced);
			assert.ok(
				surfaced.some((t) => message.test(t)),
				`a clear error (${message}) in: ${rig.secrets.redact(JSON.stringify(surfaced))}`,
			);
			assert.ok(
				surfaced.some((t) =>
					/Could not subscribe to "call_(started|completed)" for campaign "cmp_(sales|support)"/.test(
						t,
					),
				),
				'names event and campaign',
			);
			// rollback: every subscription that was made is removed again, nothing stays at Atlas
			assert.equal(subsOf(wf).length, 0, 'nothing left subscribed');
			const made = rig.emu
				.requests({ path: `/v1/api${SUBSCRIBE}` })
				.filter((r) => r.seq > seq && r.status === 201)
				.map((r) => JSON.stringify(r.body));
			const removed = rig.emu
				.requests({ path: `/v1/api${UNSUBSCRIBE}` })
				.filter((r) => r.seq > seq && r.status === 200)
				.map((r) => JSON.stringify(r.body));
			assert.deepEqual([...removed].sort(), [...made].sort(), 'exactly what was made was removed');
			rig.emu.clearFaults();
			// a later activation succeeds
			if (line === 2) await rig.client.deactivate(wf.id, { timeout: 30_000 });
			const token = await activateAndWait(wf, 4);
			const callId = `after_${label.replace(/\W+/g, '_')}_${stamp()}`;
			const answer = await send(
				`${triggerUrl(rig.n8n.baseUrl, wf)}?event=call_started&token=${token}`,
				{ body: JSON.stringify([callEvent(callId, { campaignId: 'cmp_sales' })]) },
			);
			assert.deepEqual(answer.json, REPORT({ received: 1, accepted: 1 }));
			const [exec] = await new ExecutionCounter(rig.client, wf.id, 500).expectNew(1, {
				what: `${label}: delivery after a good activation`,
			});
			assert.equal(nodeItems(exec, TRIGGER)[0].callId, callId);
			await rig.client.deactivate(wf.id, { timeout: 30_000 });
			await waitFor(() => subsOf(wf).length === 0, { what: 'deactivation to unsubscribe' });
			return surfaced;
		}

		step('fault: Atlas down (connection dropped) during activation', async () => {
			await failedActivation(
				'atlas down',
				() => rig.emu.setFault({ path: SUBSCRIBE, type: 'drop', count: -1 }),
				/Atlas is unreachable/,
			);
		});

		step('fault: Atlas answers 500 during activation', async () => {
			await failedActivation(
				'atlas 500',
				() => rig.emu.setFault({ path: SUBSCRIBE, type: '500', count: -1 }),
				/Atlas had an internal error \(HTTP 500\)/,
			);
		});

		step(
			'fault: Atlas answers 503 to 2 of 4 subscribes (partial: the 2 made are rolled back)',
			async () => {
				const wf = await rig.client.createWorkflow(
					workflowOf(`hardening partial ${line}`, {
						events: ['call_started', 'call_completed'],
						campaignScope: 'selected',
						campaignIds: ['cmp_sales', 'cmp_support'],
					}),
				);
				const seq = rig.emu.requests().at(-1)?.seq ?? 0;
				rig.emu.clearFaults();
				rig.emu.setFault({ path: SUBSCRIBE, type: '503', count: 2 });
				const firstAttempt = await rig.client.activate(wf.id).then(
					() => undefined,
					(e: unknown) => e,
				);
				if (line === 1) {
					assert.ok(
						firstAttempt instanceof HttpError && firstAttempt.status === 400,
						String(firstAttempt),
					);
					// 1.123 answers with the error's description; the message is at /active-workflows/error/{id}
					const surfaced = [
						JSON.stringify(firstAttempt.body),
						JSON.stringify(
							await rig.client
								.rest('GET', `/active-workflows/error/${wf.id}`)
								.catch((e: Error) => e.message),
						),
					];
					errorTexts.push(...surfaced);
					assert.match(
						surfaced.join('\n'),
						/Could not subscribe to \\?"call_(started|completed)\\?" for campaign \\?"cmp_(sales|support)\\?": Atlas had an internal error \(HTTP 503\)/,
					);
					assert.match(surfaced[0], /Nothing was left subscribed/);
					assert.equal(subsOf(wf).length, 0, 'rolled back');
				}
				// 2.41 retried by itself (the fault was used up): it is published now
				const reqs = rig.emu.requests().filter((r) => r.seq > seq);
				const subscribes = reqs.filter((r) => r.path.endsWith(SUBSCRIBE));
				assert.deepEqual(
					subscribes
						.slice(0, 4)
						.map((r) => r.status)
						.sort(),
					[201, 201, 503, 503],
					'first attempt: 2 made, 2 failed',
				);
				const made = subscribes
					.slice(0, 4)
					.filter((r) => r.status === 201)
					.map((r) => JSON.stringify(r.body));
				const removed = reqs
					.filter((r) => r.path.endsWith(UNSUBSCRIBE) && r.status === 200)
					.map((r) => JSON.stringify(r.body));
				assert.deepEqual([...removed].sort(), [...made].sort(), 'the 2 made were removed');
				if (line === 1) await activateAndWait(wf, 4);
				else
					await waitFor(() => subsOf(wf).length === 4, {
						what: '2.41 retry to subscribe',
						timeout: 30_000,
					});
				const tokens = new Set(subsOf(wf).map((s) => tokenOf(s.hookUrl)));
				assert.equal(
					tokens.size,
					1,
					"one activation's subscriptions, nothing from the failed attempt",
				);
				assert.ok(
					!made.some((b) => b.includes([...tokens][0])),
					'the rolled-back subscriptions are not the live ones',
				);
				rig.secrets.addTokensOf(rig.emu);
				await rig.client.deactivate(wf.id, { timeout: 30_000 });
				await waitFor(() => subsOf(wf).length === 0, { what: 'deactivation' });
			},
		);

		step(
			'fault: Atlas answers 429 (Retry-After: 1) to every subscribe during activation',
			async () => {
				await failedActivation(
					'atlas 429',
					() => rig.emu.setFault({ path: SUBSCRIBE, type: '429', count: -1, retryAfter: 1 }),
					/Atlas is limiting requests/,
				);
			},
		);

		step(
			'fault: a 429 that clears after 2 answers: activation waits as asked and succeeds',
			async () => {
				const wf = await rig.client.createWorkflow(
					workflowOf(`hardening 429 transient ${line}`, { events: ['call_started'] }),
				);
				rig.emu.setFault({ path: SUBSCRIBE, type: '429', count: 2, retryAfter: 1 });
				const t = Date.now();
				await activateAndWait(wf, 1);
				assert.ok(Date.now() - t >= 1_000, 'waited for Retry-After');
				assert.equal(
					rig.emu.requests({ path: `/v1/api${SUBSCRIBE}` }).filter((r) => r.status === 429)
						.length >= 2,
					true,
				);
				await rig.client.deactivate(wf.id);
				await waitFor(() => subsOf(wf).length === 0, { what: 'deactivation' });
			},
		);

		step(
			'fault: Atlas fails 1 of 4 unsubscribes during deactivation: the rest are removed, the error names the one left',
			async () => {
				const wf = await rig.client.createWorkflow(
					workflowOf(`hardening deactivate ${line}`, {
						events: ['call_started', 'call_completed'],
						campaignScope: 'selected',
						campaignIds: ['cmp_sales', 'cmp_support'],
					}),
				);
				await activateAndWait(wf, 4);
				const logBefore = rig.n8n.readLog().length;
				rig.emu.setFault({ path: UNSUBSCRIBE, type: '500', count: 1 });
				const answer = await rig.client.deactivate(wf.id, { timeout: 30_000 }).then(
					() => 'ok',
					(e: Error) => e.message,
				);
				await waitFor(() => subsOf(wf).length <= 1, {
					what: 'at least 3 of 4 removed',
					timeout: 30_000,
				});
				await sleep(3_000);
				if (subsOf(wf).length === 0) {
					// 2.41 retries a failed unpublish by itself: the one that failed was removed on a retry
					assert.equal(line, 2, 'only 2.41 retries a deactivation');
					assert.ok(
						rig.emu.requests({ path: `/v1/api${UNSUBSCRIBE}` }).filter((r) => r.status === 500)
							.length >= 1,
						'one unsubscribe failed first',
					);
					return;
				}
				const [left] = subsOf(wf);
				const describe = `"${left.triggerName}" for campaign "${left.campaignId}"`;
				const pattern = `1 of 4 Atlas subscription(s) could not be removed: ${describe} (Atlas had an internal error (HTTP 500))`;
				const log = await waitFor(
					() => {
						const text = rig.n8n.readLog().slice(logBefore);
						return text.includes(pattern) ? text : undefined;
					},
					{ what: "the deactivation error in n8n's log", timeout: 15_000 },
				).catch(() => rig.n8n.readLog().slice(logBefore));
				const surfaced = [answer, log];
				errorTexts.push(answer, ...log.split('\n').filter((l) => /could not be removed/.test(l)));
				assert.ok(
					surfaced.some((t) => t.includes(pattern)),
					`the error names what remains: ${pattern}\nanswer: ${answer}\nlog: ${rig.secrets
						.redact(
							log
								.split('\n')
								.filter((l) => /Atlas|subscri/i.test(l))
								.join('\n'),
						)
						.slice(0, 2000)}`,
				);
				assert.equal(
					(await rig.client.getWorkflow(wf.id)).active,
					false,
					'the workflow is inactive anyway',
				);
				// activating again removes the leftover once the new subscriptions are in; deactivating removes all
				await rig.client.activate(wf.id, { timeout: 60_000 });
				await waitFor(
					() =>
						subsOf(wf).length === 4 &&
						new Set(subsOf(wf).map((s) => tokenOf(s.hookUrl))).size === 1,
					{ what: "only the new activation's 4 subscriptions", timeout: 30_000 },
				);
				assert.ok(!subsOf(wf).some((s) => s.id === left.id), 'the leftover was removed');
				await rig.client.deactivate(wf.id, { timeout: 30_000 });
				await waitFor(() => subsOf(wf).length === 0, { what: 'all removed' });
			},
		);

		step(
			'fault: a slow Atlas (3 s per subscribe and unsubscribe): activation and deactivation still work',
			async () => {
				const wf = await rig.client.createWorkflow(
					workflowOf(`hardening slow ${line}`, {
						events: ['call_started', 'call_completed'],
						campaignScope: 'selected',
						campaignIds: ['cmp_sales', 'cmp_support'],
					}),
				);
				rig.emu.setLatency(3_000, SUBSCRIBE);
				rig.emu.setLatency(3_000, UNSUBSCRIBE);
				try {
					const t = Date.now();
					const token = await activateAndWait(wf, 4);
					const took = Date.now() - t;
					assert.ok(
						took >= 3_000 && took < 20_000,
						`4 subscribes in parallel took ${took} ms (not 4 x 3 s one by one)`,
					);
					const callId = `slow_${stamp()}`;
					const answer = await send(
						`${triggerUrl(rig.n8n.baseUrl, wf)}?event=call_completed&token=${token}`,
						{ body: JSON.stringify([callEvent(callId, { campaignId: 'cmp_support' })]) },
					);
					assert.deepEqual(answer.json, REPORT({ received: 1, accepted: 1 }));
					await new ExecutionCounter(rig.client, wf.id, 500).expectNew(1, {
						what: 'slow: delivery',
						includeData: false,
					});
					await rig.client.deactivate(wf.id, { timeout: 30_000 });
					await waitFor(() => subsOf(wf).length === 0, {
						what: 'slow deactivation',
						timeout: 30_000,
					});
				} finally {
					rig.emu.setLatency(0, SUBSCRIBE);
					rig.emu.setLatency(0, UNSUBSCRIBE);
				}
			},
		);

		step(
			"secrets: the api-key and the webhook tokens never appear in n8n's debug log, execution data or error messages",
			async () => {
				// every token ever subscribed, from what the emulator received
				for (const r of rig.emu.requests({ path: `/v1/api${SUBSCRIBE}` })) {
					const hookUrl = (r.body as Obj | undefined)?.hookUrl;
					if (typeof hookUrl === 'string') rig.secrets.add(tokenOf(hookUrl));
				}
				assert.ok(rig.secrets.size >= 8, `api-key and tokens collected (${rig.secrets.size})`);

				// node errors: an Atlas node with a rejected key, and one while Atlas answers 500
				const wrongKey = `hk-wrong-${randomBytes(12).toString('base64url')}`;
				rig.secrets.add(wrongKey);
				const wrong = await rig.client.createCredential(`Atlas wrong key ${line}`, 'atlasApi', {
					apiKey: wrongKey,
					baseUrl: rig.emu.baseUrl,
				});
				const nodeErrors: string[] = [];
				for (const [label, credential, fault] of [
					['wrong key', wrong, false],
					['Atlas 500', rig.credential, true],
				] as const) {
					const wf = await rig.client.createWorkflow({
						name: `hardening node error ${label} ${line}`,
						nodes: [
							{
								name: 'Manual',
								type: 'n8n-nodes-base.manualTrigger',
								typeVersion: 1,
								position: [0, 0],
								parameters: {},
							},
							{
								name: 'Atlas',
								type: 'n8n-nodes-atlas.atlas',
								typeVersion: 1,
								position: [220, 0],
								parameters: {
									resource: 'campaign',
									operation: 'get',
									campaign: { __rl: true, mode: 'id', value: 'cmp_sales' },
								},
								credentials: { atlasApi: credential },
							},
						],
						connections: { Manual: { main: [[{ node: 'Atlas', type: 'main', index: 0 }]] } },
					});
					if (fault) rig.emu.setFault({ path: '/campaign/:id', type: '500', count: -1 });
					try {
						const id = await rig.client.runManually(wf.id, 'Manual');
						const exec = await waitFor(
							async () => {
								const e = await rig.client.execution(id, true);
								if (['running', 'new', 'waiting'].includes(e.status)) return undefined;
								// n8n may store the final status a moment before the error itself
								return e.status === 'error' && !e.data?.resultData?.error ? undefined : e;
							},
							{ what: `manual execution (${label})`, timeout: 60_000 },
						);
						assert.equal(exec.status, 'error', `${label}: the node failed`);
						const text = JSON.stringify(exec.data?.resultData?.error ?? {});
						nodeErrors.push(text);
						assert.match(
							text,
							fault ? /Atlas had an internal error \(HTTP 500\)/ : /The Atlas API key was rejected/,
						);
					} finally {
						rig.emu.clearFaults();
					}
				}

				const log = rig.n8n.readLog();
				assert.match(log, /\bdebug\b/, 'n8n logged at debug level');
				assert.deepEqual(rig.secrets.leaks(log), [], "n8n's log");
				const all = await rig.client.executions({ includeData: true });
				const runData = JSON.stringify(all.map((e) => e.data));
				assert.ok(runData.length > 1_000_000, 'execution data of every workflow was read');
				assert.deepEqual(
					rig.secrets.leaks(runData),
					[],
					'execution data (items, node errors, run data)',
				);
				// n8n 1.123 also keeps a copy of the workflow in each execution (`workflowData`), static
				// data included: the trigger keeps there only a nonce and the token's hash (checked below)
				const snapshots = JSON.stringify(all.map((e) => e.workflowData));
				assert.equal(
					snapshots.includes(rig.apiKey),
					false,
					'the api-key is in no workflow snapshot',
				);
				tokenInSnapshots =
					rig.secrets.leaks(snapshots).length + (snapshots.match(/[?&]token=(?!\*)/g)?.length ?? 0);
				snapshotsWithTriggerState = all.filter((e) =>
					JSON.stringify(e.workflowData ?? {}).includes('tokenHash'),
				).length;
				assert.deepEqual(
					rig.secrets.leaks(errorTexts.join('\n')),
					[],
					'activation and deactivation errors',
				);
				assert.ok(errorTexts.length >= 4, 'activation errors were collected');
				assert.deepEqual(rig.secrets.leaks(nodeErrors.join('\n')), [], 'node errors');
				// what n8n itself keeps: workflows with static data (neither the token nor the api-key)
				const workflows = JSON.stringify(await rig.client.rest('GET', '/workflows'));
				assert.equal(workflows.includes(rig.apiKey), false, 'the api-key is in no workflow');
				assert.deepEqual(
					rig.secrets.leaks(workflows),
					[],
					"no webhook token in any workflow's static data",
				);
			},
		);

		test('webhook tokens are not in the workflow snapshot n8n stores with each execution (static data)', () => {
			assert.equal(
				tokenInSnapshots,
				0,
				`${tokenInSnapshots} token(s) found in executions' workflowData.staticData`,
			);
			// not vacuous: on 1.123 the snapshots do carry the trigger's static data (nonce, tokenHash)
			if (line === 1)
				assert.ok(
					snapshotsWithTriggerState > 0,
					"executions' workflowData holds the trigger's static data on 1.123",
				);
		});
	});
}
