// Contract tests of the Atlas emulator: run with
//   node --import tsx --test test/emulator/emulator.test.ts
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { EmulatorClient, startEmulator, type Emulator } from './index';

const KEY = 'secret-key-123';

interface Received {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

/** A local webhook receiver standing in for n8n. */
async function startReceiver(opts: { status?: number; delayMs?: number } = {}) {
	const received: Received[] = [];
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString(),
			});
			setTimeout(() => {
				res.writeHead(opts.status ?? 200, { 'content-type': 'application/json' });
				res.end('{"ok":true}');
			}, opts.delayMs ?? 0);
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		received,
		close: () => {
			server.closeAllConnections();
			return new Promise<void>((r) => server.close(() => r()));
		},
	};
}

describe('atlas emulator', () => {
	let emu: Emulator;
	let receiver: Awaited<ReturnType<typeof startReceiver>>;

	const api = async (method: string, p: string, body?: unknown, key: string | null = KEY) => {
		const headers: Record<string, string> = {};
		if (key !== null) headers['api-key'] = key;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const res = await fetch(emu.baseUrl + p, {
			method,
			headers,
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		const text = await res.text();
		let json: any;
		try {
			json = JSON.parse(text);
		} catch {
			json = text;
		}
		return { status: res.status, headers: res.headers, body: json };
	};
	const sub = (over: Record<string, unknown> = {}) => ({
		hookUrl: `${receiver.url}/webhook/abc?token=s3cret`,
		campaignId: 'cmp_sales',
		triggerName: 'call_started',
		provider: 'custom',
		...over,
	});

	before(async () => {
		emu = await startEmulator({ apiKey: KEY });
		receiver = await startReceiver();
	});
	after(async () => {
		await emu.close();
		await receiver.close();
	});
	beforeEach(() => {
		emu.reset();
		receiver.received.length = 0;
	});

	describe('auth and errors', () => {
		it('answers 401 in Atlas format without or with a wrong api-key', async () => {
			const none = await api('GET', '/campaign', undefined, null);
			assert.equal(none.status, 401);
			assert.deepEqual(Object.keys(none.body).sort(), ['error', 'message', 'statusCode']);
			assert.equal(none.body.statusCode, 401);
			assert.equal(none.body.error, 'Unauthorized');
			assert.equal(typeof none.body.message, 'string');
			const wrong = await api('GET', '/campaign', undefined, 'nope');
			assert.equal(wrong.status, 401);
			assert.equal(wrong.body.error, 'Unauthorized');
		});

		it('answers 404 in Atlas format for unknown routes and records', async () => {
			const r = await api('GET', '/nothing-here');
			assert.equal(r.status, 404);
			assert.equal(r.body.error, 'Not Found');
			const c = await api('GET', '/call/call_9999');
			assert.deepEqual(c.body, { statusCode: 404, error: 'Not Found', message: 'Call not found' });
			assert.equal((await api('GET', '/campaign/cmp_nope')).status, 404);
		});

		it('logs requests with api-key presence and validity but never the key', async () => {
			await api('GET', '/campaign', undefined, null);
			await api('GET', '/campaign', undefined, 'wrong');
			await api('GET', '/call?campaignId=cmp_sales');
			const log = emu.requests();
			assert.equal(log.length, 3);
			assert.deepEqual(
				log.map((r) => [r.apiKeyPresent, r.apiKeyValid, r.status]),
				[
					[false, false, 401],
					[true, false, 401],
					[true, true, 200],
				],
			);
			assert.equal(log[2].route, 'GET /call');
			assert.deepEqual(log[2].query, { campaignId: 'cmp_sales' });
			assert.ok(!JSON.stringify(log).includes(KEY));
			assert.equal(emu.requests({ route: 'GET /call' }).length, 1);
			emu.clearRequests();
			assert.equal(emu.requests().length, 0);
		});
	});

	describe('subscriptions', () => {
		it('subscribes with 201 and is idempotent on the same four values', async () => {
			const a = await api('POST', '/events-gateway/trigger/subscribe', sub());
			assert.equal(a.status, 201);
			assert.match(a.body.id, /^sub_[0-9a-f]+$/);
			assert.equal(a.body.campaignId, 'cmp_sales');
			assert.equal(a.body.triggerName, 'call_started');
			const b = await api('POST', '/events-gateway/trigger/subscribe', sub());
			assert.equal(b.status, 201);
			assert.equal(b.body.id, a.body.id);
			assert.equal(emu.subscriptions().length, 1);
			await api(
				'POST',
				'/events-gateway/trigger/subscribe',
				sub({ triggerName: 'call_completed' }),
			);
			assert.equal(emu.subscriptions().length, 2);
			const star = await api('POST', '/events-gateway/trigger/subscribe', sub({ campaignId: '*' }));
			assert.equal(star.status, 201);
			const mss = await api(
				'POST',
				'/events-gateway/trigger/subscribe',
				sub({ triggerName: 'message_session_completed' }),
			);
			assert.equal(mss.status, 201);
		});

		it('rejects invalid subscribe bodies with 400 and a clear message each', async () => {
			const cases: [Record<string, unknown>, RegExp][] = [
				[sub({ hookUrl: undefined }), /hookUrl should not be empty/],
				[sub({ hookUrl: 'not a url' }), /hookUrl must be a URL address/],
				[sub({ hookUrl: 'ftp://example.com/x' }), /hookUrl must be an http or https URL/],
				[sub({ campaignId: '' }), /campaignId should not be empty/],
				[sub({ triggerName: undefined }), /triggerName should not be empty/],
				[
					sub({ triggerName: 'call_ended' }),
					/triggerName must be one of the following values: call_started, call_completed, message_received, message_sent/,
				],
				[sub({ provider: undefined }), /provider should not be empty/],
				[sub({ provider: 42 }), /provider must be a string/],
			];
			for (const [body, re] of cases) {
				const r = await api('POST', '/events-gateway/trigger/subscribe', body);
				assert.equal(r.status, 400, JSON.stringify(body));
				assert.equal(r.body.error, 'Bad Request');
				assert.match(r.body.message, re);
			}
			assert.equal((await api('POST', '/events-gateway/trigger/subscribe', '{oops')).status, 400);
			assert.equal(emu.subscriptions().length, 0);
		});

		it('answers 404 for an unknown campaign, requires HTTPS when asked, and can give array messages', async () => {
			const r = await api(
				'POST',
				'/events-gateway/trigger/subscribe',
				sub({ campaignId: 'cmp_nope' }),
			);
			assert.deepEqual(r.body, {
				statusCode: 404,
				error: 'Not Found',
				message: 'Campaign not found',
			});
			emu.configure({ requireHttps: true });
			const h = await api('POST', '/events-gateway/trigger/subscribe', sub());
			assert.equal(h.status, 400);
			assert.match(h.body.message, /HTTPS/);
			assert.equal(
				(
					await api(
						'POST',
						'/events-gateway/trigger/subscribe',
						sub({ hookUrl: 'https://example.com/h?token=1' }),
					)
				).status,
				201,
			);
			emu.configure({ errorMessageShape: 'array', requireHttps: false });
			const arr = await api(
				'POST',
				'/events-gateway/trigger/subscribe',
				sub({ provider: undefined, campaignId: undefined }),
			);
			assert.deepEqual(arr.body.message, [
				'campaignId should not be empty',
				'provider should not be empty',
			]);
		});

		it('unsubscribes with the same four values, 404 when missing (or {} if configured)', async () => {
			await api('POST', '/events-gateway/trigger/subscribe', sub());
			const other = await api(
				'DELETE',
				'/events-gateway/trigger/unsubscribe',
				sub({ provider: 'zapier' }),
			);
			assert.equal(other.status, 404);
			assert.equal(other.body.error, 'Not Found');
			assert.equal(emu.subscriptions().length, 1);
			const ok = await api('DELETE', '/events-gateway/trigger/unsubscribe', sub());
			assert.equal(ok.status, 200);
			assert.deepEqual(ok.body, {});
			assert.equal(emu.subscriptions().length, 0);
			assert.equal((await api('DELETE', '/events-gateway/trigger/unsubscribe', sub())).status, 404);
			emu.configure({ unsubscribeMissing: 'ok' });
			const again = await api('DELETE', '/events-gateway/trigger/unsubscribe', sub());
			assert.equal(again.status, 200);
			assert.deepEqual(again.body, {});
			const bad = await api('DELETE', '/events-gateway/trigger/unsubscribe', { hookUrl: 'x' });
			assert.equal(bad.status, 400);
		});

		it('lists subscriptions per campaign (guessed path)', async () => {
			await api('POST', '/events-gateway/trigger/subscribe', sub());
			await api('POST', '/events-gateway/trigger/subscribe', sub({ campaignId: 'cmp_support' }));
			const sales = await api('GET', '/events-gateway/trigger/list?campaignId=cmp_sales');
			assert.equal(sales.body.length, 1);
			assert.deepEqual(Object.keys(sales.body[0]).sort(), [
				'campaignId',
				'hookUrl',
				'id',
				'provider',
				'triggerName',
			]);
			assert.equal((await api('GET', '/events-gateway/trigger/list?campaignId=*')).body.length, 2);
			assert.equal((await api('GET', '/events-gateway/trigger/list')).body.length, 2);
			emu.configure({ listShape: 'value' });
			assert.equal((await api('GET', '/events-gateway/trigger/list')).body.value.length, 2);
		});

		it('serves a sample event (object or array of one)', async () => {
			const s = await api(
				'GET',
				'/events-gateway/trigger/sample?campaignId=cmp_support&triggerName=call_completed',
			);
			assert.equal(s.status, 200);
			assert.equal(s.body.campaignId, 'cmp_support');
			assert.ok(
				s.body.callId && s.body.summary && s.body.transcript && Array.isArray(s.body.messages),
			);
			const m = await api(
				'GET',
				'/events-gateway/trigger/sample?campaignId=cmp_chat&triggerName=message_received',
			);
			assert.ok(m.body.customerNumber && m.body.message && m.body.receivedAt);
			emu.configure({ sampleShape: 'array' });
			const a = await api('GET', '/events-gateway/trigger/sample?triggerName=message_sent');
			assert.ok(Array.isArray(a.body) && a.body.length === 1 && a.body[0].sentAt);
			assert.equal(
				(await api('GET', '/events-gateway/trigger/sample?triggerName=bogus')).status,
				400,
			);
			assert.equal(
				(
					await api(
						'GET',
						'/events-gateway/trigger/sample?campaignId=cmp_x&triggerName=call_started',
					)
				).status,
				404,
			);
		});
	});

	describe('records: list shapes and casings', () => {
		it('defaults to a bare list of PascalCase campaigns', async () => {
			const r = await api('GET', '/campaign');
			assert.ok(Array.isArray(r.body));
			assert.equal(r.body.length, 3);
			assert.deepEqual(
				r.body.map((c: any) => c.RowKey),
				['cmp_sales', 'cmp_support', 'cmp_chat'],
			);
			assert.ok(r.body[0].BusinessName && r.body[0].PartitionKey && r.body[0].Timestamp);
		});

		it('wraps lists in value / data / items when configured', async () => {
			for (const shape of ['value', 'data', 'items'] as const) {
				emu.configure({ listShape: shape });
				const r = await api('GET', '/campaign');
				assert.equal(r.body[shape].length, 3, shape);
				assert.equal((await api('GET', '/call')).body[shape].length, emu.calls.length);
			}
		});

		it('switches records to camelCase', async () => {
			emu.configure({ casing: 'camel' });
			const c = await api('GET', '/campaign/cmp_sales');
			assert.equal(c.body.id, 'cmp_sales');
			assert.equal(c.body.name, 'Sunbeam Solar - Outbound Sales');
			const call = await api('GET', '/call/call_0001');
			assert.equal(call.body.callId, 'call_0001');
			assert.equal(call.body.id, 'call_0001');
			assert.ok(call.body.summary && call.body.endedReason && call.body.recordingUrl);
			assert.deepEqual(Object.keys(call.body.messages[0]).sort(), ['message', 'role', 'time']);
		});

		it('answers call records with conversation, summary and a working recording URL', async () => {
			const r = await api('GET', '/call/call_0001');
			for (const k of [
				'RowKey',
				'CallId',
				'CampaignId',
				'Summary',
				'EndedReason',
				'Status',
				'RecordingUrl',
				'DurationSeconds',
				'StartedAt',
				'EndedAt',
				'CustomerPhoneNumber',
				'CustomerName',
				'Messages',
			]) {
				assert.ok(k in r.body, k);
			}
			assert.ok(r.body.Messages.length >= 6);
			assert.ok(r.body.RecordingUrl.startsWith(emu.origin + '/recordings/'));
			const rec = await fetch(r.body.RecordingUrl);
			assert.equal(rec.status, 200);
			assert.equal(rec.headers.get('content-type'), 'audio/mpeg');
			const bytes = Buffer.from(await rec.arrayBuffer());
			assert.ok(bytes.length > 2000 && bytes.subarray(0, 3).toString() === 'ID3');
			const reasons = new Set(emu.calls.map((c) => c.endedReason));
			assert.ok(reasons.size >= 6);
		});

		it('filters calls by campaign, dates and phone number', async () => {
			assert.equal((await api('GET', '/call?campaignId=cmp_support')).body.length, 4);
			const range = await api(
				'GET',
				'/call?startDate=2025-06-04T00:00:00.000Z&endDate=2025-06-04T23:59:59.000Z',
			);
			assert.deepEqual(range.body.map((c: any) => c.RowKey).sort(), ['call_0006', 'call_0007']);
			const phone = await api(
				'GET',
				`/call?customerPhoneNumber=${encodeURIComponent('+14155550101')}`,
			);
			assert.deepEqual(
				phone.body.map((c: any) => c.RowKey),
				['call_0001'],
			);
			const bad = await api('GET', '/call?startDate=yesterday');
			assert.equal(bad.status, 400);
			assert.match(bad.body.message, /startDate/);
		});

		it('serves chat sessions and messages, and accepts human responses', async () => {
			const sessions = await api('GET', '/campaign-chat/cmp_chat');
			assert.equal(sessions.body.length, 3);
			assert.deepEqual(
				Object.keys(sessions.body[0]).filter((k) =>
					['RowKey', 'ContactIdentification', 'Status', 'Timestamp'].includes(k),
				).length,
				4,
			);
			const msgs = await api('GET', '/campaign-chat/sessions/chs_0002/messages');
			assert.ok(msgs.body.length >= 3);
			assert.ok(
				['RowKey', 'Role', 'Content', 'Channel', 'CreatedAt'].every((k) => k in msgs.body[0]),
			);
			const sent = await api('POST', '/campaign-chat/cmp_chat/send-human-response', {
				sessionId: 'chs_0002',
				message: 'Hi Daniel, the seller accepts 665k.',
			});
			assert.ok(sent.status === 200 || sent.status === 201);
			assert.equal(sent.body, 'Response sent');
			const after = await api('GET', '/campaign-chat/sessions/chs_0002/messages');
			assert.equal(after.body.length, msgs.body.length + 1);
			assert.equal(after.body.at(-1).Content, 'Hi Daniel, the seller accepts 665k.');
			assert.equal(
				(
					await api('POST', '/campaign-chat/cmp_chat/send-human-response', {
						sessionId: 'chs_nope',
						message: 'x',
					})
				).status,
				400,
			);
			assert.equal(
				(
					await api('POST', '/campaign-chat/cmp_chat/send-human-response', {
						sessionId: 'chs_0002',
					})
				).status,
				400,
			);
			assert.equal((await api('GET', '/campaign-chat/sessions/chs_nope/messages')).status, 404);
		});

		it('schedules outbound calls with increasing sequence numbers', async () => {
			const a = await api('POST', '/campaign/createschedule', {
				campaignId: 'cmp_sales',
				customerName: 'Ana',
				customerPhoneNumber: '+14155550199',
			});
			assert.ok(a.status === 200 || a.status === 201);
			assert.deepEqual(a.body, { sequenceNumber: 1 });
			const b = await api('POST', '/campaign/createschedule', {
				campaignId: 'cmp_sales',
				customerName: 'Bo',
				customerPhoneNumber: '+14155550198',
			});
			assert.equal(b.body.sequenceNumber, 2);
			assert.equal(
				(
					await api('POST', '/campaign/createschedule', {
						campaignId: 'cmp_sales',
						customerName: 'Cy',
						customerPhoneNumber: 'abc',
					})
				).status,
				400,
			);
			assert.equal(
				(
					await api('POST', '/campaign/createschedule', {
						campaignId: 'cmp_x',
						customerName: 'Cy',
						customerPhoneNumber: '+14155550198',
					})
				).status,
				404,
			);
			assert.equal(emu.schedules.length, 2);
		});
	});

	describe('acting: scheduled calls and chat actions', () => {
		const waitFor = async (check: () => boolean, ms = 5_000) => {
			const end = Date.now() + ms;
			while (!check()) {
				if (Date.now() > end) throw new Error('timed out');
				await new Promise((r) => setTimeout(r, 20));
			}
		};

		it('places a scheduled call: call_started then call_completed naming the customer, and GET /call lists it', async () => {
			emu.configure({ callDelayMs: 10, callDurationMs: 50 });
			for (const triggerName of ['call_started', 'call_completed'])
				await api('POST', '/events-gateway/trigger/subscribe', sub({ triggerName }));
			const answer = await api('POST', '/campaign/createschedule', {
				campaignId: 'cmp_sales',
				customerName: 'Ana Souza',
				customerPhoneNumber: '+14155550199',
				customerInfo: 'asked for a quote',
			});
			assert.deepEqual(answer.body, { sequenceNumber: 1 });
			await waitFor(() => receiver.received.length === 2);
			const [started, completed] = receiver.received.map((r) => JSON.parse(r.body)[0]);
			assert.equal(started.customerPhoneNumber, '+14155550199');
			assert.equal(completed.callId, started.callId);
			assert.match(completed.summary, /Ana Souza/);
			assert.match(completed.summary, /asked for a quote/);
			assert.match(completed.transcript, /speaking with Ana\?/);
			assert.doesNotMatch(completed.transcript, /Maria/);
			const calls = await api(
				'GET',
				'/call?campaignId=cmp_sales&customerPhoneNumber=%2B14155550199',
			);
			assert.equal(calls.body.length, 1);
			assert.equal(calls.body[0].Status, 'completed');
			const scheduled = await api('GET', '/call/scheduled/cmp_sales');
			assert.equal(scheduled.body[0].Status, 'completed');
			assert.equal(scheduled.body[0].CallId, started.callId);
		});

		it('waits for the scheduled time, and refuses what Atlas would', async () => {
			const at = new Date(Date.now() + 60 * 60_000).toISOString();
			await api('POST', '/campaign/createschedule', {
				campaignId: 'cmp_sales',
				customerName: 'Cy',
				customerPhoneNumber: '+14155550199',
				scheduledDate: at,
			});
			assert.equal(emu.schedules[0].scheduledDate, at);
			assert.equal(emu.schedules[0].status, 'scheduled');
			const refused = async (body: unknown, path = '/campaign/createschedule') =>
				(await api('POST', path, body)).body.message;
			assert.match(
				await refused({
					campaignId: 'cmp_support',
					customerName: 'Cy',
					customerPhoneNumber: '+14155550199',
				}),
				/not an outbound campaign/,
			);
			assert.match(
				await refused({
					campaignId: 'cmp_sales',
					customerName: 'Cy',
					customerPhoneNumber: '(415) 555-0199',
				}),
				/valid phone number/,
			);
			assert.match(
				await refused(
					{ campaignId: 'cmp_sales', customerName: 'Cy', customerPhoneNumber: '+14155550199' },
					'/campaign/createSchedule',
				),
				/Cannot POST/,
			);
			emu.configure({ outboundDailyLimit: 1 });
			assert.match(
				await refused({
					campaignId: 'cmp_sales',
					customerName: 'Cy',
					customerPhoneNumber: '+14155550198',
				}),
				/call\.start\.error-vapi-number-outbound-daily-limit/,
			);
			emu.configure({ schedulePath: 'createSchedule', outboundDailyLimit: 0 });
			assert.equal(
				(
					await api('POST', '/campaign/createSchedule', {
						campaignId: 'cmp_sales',
						customerName: 'Cy',
						customerPhoneNumber: '+14155550198',
					})
				).status,
				201,
			);
		});

		it('starts SMS conversations, which make older sessions of the contact stale', async () => {
			const started = await api('POST', '/campaign-chat/cmp_chat/sessions/sms/schedule', {
				customerPhoneNumber: '+16175550203',
				customerName: 'Sofia Rossi',
				customMessage: 'Hi Sofia, still looking?',
			});
			assert.equal(started.status, 201);
			const sessionId = started.body.SessionId;
			assert.match(sessionId, /^chs_/);
			const stale = await api('POST', '/campaign-chat/cmp_chat/send-human-response', {
				sessionId: 'chs_0003',
				message: 'x',
			});
			assert.equal(stale.status, 400);
			assert.match(stale.body.message, /Human handoff is not enabled/);
			const ok = await api('POST', '/campaign-chat/cmp_chat/send-human-response', {
				sessionId,
				message: 'y',
			});
			assert.equal(ok.status, 201);
			assert.equal(
				(
					await api('POST', '/campaign-chat/cmp_sales/sessions/sms/schedule', {
						customerPhoneNumber: '+16175550203',
						customMessage: 'x',
					})
				).status,
				400,
			);
		});

		it('turns human hand-off on and off for a contact', async () => {
			const on = await api(
				'POST',
				'/campaign-chat/cmp_chat/contacts/%2B16175550203/human-handoff',
				{ enabled: true },
			);
			assert.equal(on.status, 201);
			assert.equal(
				emu.chatSessions.find((s) => s.id === 'chs_0003')?.status,
				'pending_human_response',
			);
			await api('POST', '/campaign-chat/cmp_chat/contacts/%2B16175550203/human-handoff', {
				enabled: false,
			});
			assert.equal(emu.chatSessions.find((s) => s.id === 'chs_0003')?.status, 'active');
			assert.equal(
				(
					await api('POST', '/campaign-chat/cmp_chat/contacts/%2B10000000000/human-handoff', {
						enabled: true,
					})
				).status,
				404,
			);
			assert.equal(
				(await api('POST', '/campaign-chat/cmp_chat/contacts/%2B16175550203/human-handoff', {}))
					.status,
				400,
			);
		});
	});

	describe('event delivery', () => {
		it('POSTs a JSON array of events to matching subscriptions only', async () => {
			await api(
				'POST',
				'/events-gateway/trigger/subscribe',
				sub({ hookUrl: `${receiver.url}/a?token=s3cret` }),
			);
			await api(
				'POST',
				'/events-gateway/trigger/subscribe',
				sub({ hookUrl: `${receiver.url}/star?token=s3cret`, campaignId: '*' }),
			);
			await api(
				'POST',
				'/events-gateway/trigger/subscribe',
				sub({ hookUrl: `${receiver.url}/support`, campaignId: 'cmp_support' }),
			);
			await api(
				'POST',
				'/events-gateway/trigger/subscribe',
				sub({ hookUrl: `${receiver.url}/completed`, triggerName: 'call_completed' }),
			);
			const res = await emu.fire('call_started', { campaignId: 'cmp_sales' });
			assert.equal(res.deliveries.length, 2);
			assert.ok(res.deliveries.every((d) => d.status === 200 && d.durationMs >= 0));
			assert.deepEqual(receiver.received.map((r) => r.url.split('?')[0]).sort(), ['/a', '/star']);
			for (const r of receiver.received) {
				assert.equal(r.method, 'POST');
				assert.match(String(r.headers['content-type']), /^application\/json/);
				const body = JSON.parse(r.body);
				assert.ok(Array.isArray(body) && body.length === 1);
				for (const k of [
					'callId',
					'campaignId',
					'customerPhoneNumber',
					'customerName',
					'direction',
					'assistantId',
					'startedAt',
				])
					assert.ok(k in body[0], k);
				assert.equal(body[0].campaignId, 'cmp_sales');
			}
			assert.equal(emu.deliveries().length, 2);
		});

		it('generates realistic call_completed and message events with fresh ids', async () => {
			await api(
				'POST',
				'/events-gateway/trigger/subscribe',
				sub({ triggerName: 'call_completed' }),
			);
			const res = await emu.fire('call_completed', { count: 3, transcriptBytes: 8000 });
			assert.equal(res.deliveries.length, 3);
			const events = receiver.received.map((r) => JSON.parse(r.body)[0]);
			assert.equal(new Set(events.map((e) => e.callId)).size, 3);
			for (const e of events) {
				assert.equal(e.status, 'completed');
				assert.match(e.transcript, /^AI: .+\n(User|AI): /);
				assert.ok(e.transcript.length >= 8000 && e.transcript.length < 20000);
				assert.ok(
					e.messages.length > 10 &&
						e.summary &&
						e.endedReason &&
						e.durationSeconds > 0 &&
						e.endedAt &&
						e.successResult,
				);
				assert.ok(e.recordingUrl.startsWith(emu.origin));
			}
			const m = await emu.fire('message_sent', { hookUrl: `${receiver.url}/direct` });
			const ev = m.events[0] as Record<string, unknown>;
			assert.equal(ev.campaignId, 'cmp_chat');
			assert.ok(
				ev.sentAt &&
					!('receivedAt' in ev) &&
					ev.customerNumber &&
					ev.message &&
					ev.channel === 'sms',
			);
			const p = await emu.fire('call_started', { hookUrl: `${receiver.url}/p`, casing: 'pascal' });
			assert.ok('CallId' in (p.events[0] as object));
		});

		it('batches events, duplicates deliveries and overrides the token', async () => {
			await api(
				'POST',
				'/events-gateway/trigger/subscribe',
				sub({ triggerName: 'message_received', campaignId: 'cmp_chat' }),
			);
			const res = await emu.fire('message_received', {
				count: 4,
				batch: 2,
				duplicate: true,
				tokenOverride: true,
			});
			assert.equal(res.deliveries.length, 4);
			assert.deepEqual(
				res.deliveries.map((d) => d.attempt),
				[1, 2, 1, 2],
			);
			assert.equal(receiver.received.length, 4);
			assert.equal(receiver.received[0].body, receiver.received[1].body);
			assert.equal(JSON.parse(receiver.received[0].body).length, 2);
			for (const r of receiver.received)
				assert.equal(new URL(r.url, 'http://x').searchParams.get('token'), 'wrong-token');
			await emu.fire('message_received', { tokenOverride: 'other' });
			assert.equal(
				new URL(receiver.received[4].url, 'http://x').searchParams.get('token'),
				'other',
			);
		});

		it('sends explicit events, raw bodies and custom content types as-is', async () => {
			await api('POST', '/events-gateway/trigger/subscribe', sub());
			await emu.fire('call_started', { events: [{ nonsense: true }] });
			assert.deepEqual(JSON.parse(receiver.received[0].body), [{ nonsense: true }]);
			await emu.fire('call_started', { rawBody: 'not json', contentType: 'text/plain' });
			assert.equal(receiver.received[1].body, 'not json');
			assert.equal(receiver.received[1].headers['content-type'], 'text/plain');
		});

		it('records failing receivers, paces with delayMs and runs concurrently', async () => {
			const slow = await startReceiver({ status: 503, delayMs: 100 });
			try {
				const t0 = Date.now();
				const res = await emu.fire('call_started', { hookUrl: slow.url, count: 4, concurrency: 4 });
				assert.ok(res.deliveries.every((d) => d.status === 503));
				assert.ok(Date.now() - t0 < 300, 'concurrent deliveries (serial would take >= 400 ms)');
				const t1 = Date.now();
				await emu.fire('call_started', { hookUrl: receiver.url, count: 3, delayMs: 60 });
				assert.ok(Date.now() - t1 >= 110, 'paced deliveries');
				emu.configure({ deliveryTimeoutMs: 20 });
				const timedOut = await emu.fire('call_started', { hookUrl: slow.url });
				assert.equal(timedOut.deliveries[0].status, null);
				assert.match(String(timedOut.deliveries[0].error), /timed out/);
			} finally {
				await slow.close();
			}
		});

		it('can persist fired call_completed events as call records', async () => {
			const res = await emu.fire('call_completed', { hookUrl: receiver.url, persist: true });
			const id = (res.events[0] as { callId: string }).callId;
			const r = await api('GET', `/call/${id}`);
			assert.equal(r.status, 200);
			assert.equal(r.body.CallId, id);
		});
	});

	describe('faults and latency', () => {
		it('injects 429 with Retry-After, then answers normally', async () => {
			emu.setFault({ path: '/campaign', method: 'GET', type: '429', retryAfter: 2, count: 2 });
			const a = await api('GET', '/campaign');
			assert.equal(a.status, 429);
			assert.equal(a.headers.get('retry-after'), '2');
			assert.deepEqual(a.body, {
				statusCode: 429,
				error: 'Too Many Requests',
				message: a.body.message,
			});
			assert.equal((await api('GET', '/campaign')).status, 429);
			assert.equal((await api('GET', '/campaign')).status, 200);
			assert.deepEqual(
				emu.requests().map((r) => r.fault ?? null),
				['429', '429', null],
			);
		});

		it('injects 500 / 503 on a route template and drops sockets', async () => {
			emu.setFault([
				{ path: '/call/:id', type: '500' },
				{ path: '/events-gateway/trigger/subscribe', method: 'POST', type: '503' },
			]);
			const a = await api('GET', '/call/call_0001');
			assert.equal(a.status, 500);
			assert.equal(a.body.error, 'Internal Server Error');
			assert.equal((await api('GET', '/call/call_0001')).status, 200);
			assert.equal((await api('POST', '/events-gateway/trigger/subscribe', sub())).status, 503);
			assert.equal(emu.subscriptions().length, 0);
			emu.setFault({ path: '*', type: 'drop' });
			await assert.rejects(api('GET', '/campaign'));
			assert.equal((await api('GET', '/campaign')).status, 200);
			assert.equal(emu.requests().find((r) => r.fault === 'drop')?.status, null);
		});

		it('keeps a count -1 fault until cleared', async () => {
			emu.setFault({ path: '/campaign', type: '500', count: -1 });
			for (let i = 0; i < 3; i++) assert.equal((await api('GET', '/campaign')).status, 500);
			emu.clearFaults();
			assert.equal((await api('GET', '/campaign')).status, 200);
		});

		it('adds latency globally and per route', async () => {
			emu.setLatency(80);
			let t = Date.now();
			await api('GET', '/campaign');
			assert.ok(Date.now() - t >= 75);
			emu.setLatency(0);
			emu.setLatency(200, '/call/:id');
			t = Date.now();
			await api('GET', '/campaign');
			assert.ok(Date.now() - t < 150);
			t = Date.now();
			await api('GET', '/call/call_0002');
			assert.ok(Date.now() - t >= 195);
		});
	});

	describe('control API and CLI', () => {
		it('drives the emulator through EmulatorClient', async () => {
			const client = new EmulatorClient(emu.baseUrl);
			assert.equal(client.origin, emu.origin);
			await api('POST', '/events-gateway/trigger/subscribe', sub());
			const subs = await client.waitForSubscriptions((s) => s.length === 1, 1000);
			assert.equal(subs[0].campaignId, 'cmp_sales');
			const res = await client.fire('call_started', { campaignId: 'cmp_sales', count: 2 });
			assert.equal(res.deliveries.length, 2);
			assert.equal(receiver.received.length, 2);
			const cfg = await client.configure({ casing: 'camel', listShape: 'items' });
			assert.equal(cfg.casing, 'camel');
			assert.equal((await api('GET', '/campaign')).body.items[0].id, 'cmp_sales');
			await assert.rejects(client.configure({ listShape: 'nope' as 'bare' }), /listShape/);
			await client.setFault({ path: '/campaign', type: '429', retryAfter: 3 });
			assert.equal((await api('GET', '/campaign')).headers.get('retry-after'), '3');
			await client.setLatency(0);
			assert.equal((await client.requests({ route: 'GET /campaign' })).length, 2);
			await client.clearRequests();
			assert.equal((await client.requests()).length, 0);
			assert.equal((await client.seed()).calls.length, 10);
			await client.reset();
			const state = await client.state();
			assert.equal(state.subscriptions.length, 0);
			assert.equal(state.config.casing, 'pascal');
			await assert.rejects(client.fire('bogus'), /triggerName/);
		});

		it('runs out of process from cli.ts and stops on SIGTERM', async () => {
			const cli = path.join(__dirname, 'cli.ts');
			const child = spawn(
				process.execPath,
				['--import', 'tsx', cli, '--port', '0', '--api-key', 'cli-key', '--latency', '5'],
				{
					cwd: path.join(__dirname, '..', '..'),
					stdio: ['ignore', 'pipe', 'inherit'],
				},
			);
			try {
				const line = await new Promise<string>((resolve, reject) => {
					let out = '';
					child.stdout.on('data', (c: Buffer) => {
						out += c.toString();
						if (out.includes('\n')) resolve(out.trim());
					});
					child.once('exit', (code) => reject(new Error(`cli exited ${code}`)));
				});
				const m = /^atlas-emulator listening on (http:\/\/127\.0\.0\.1:\d+\/v1\/api)$/.exec(line);
				assert.ok(m, line);
				const r = await fetch(`${m[1]}/campaign`, { headers: { 'api-key': 'cli-key' } });
				assert.equal(r.status, 200);
				const state = await new EmulatorClient(m[1]).state();
				assert.equal(state.latency.all, 5);
			} finally {
				const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
				child.kill('SIGTERM');
				assert.equal(await exited, 0);
			}
		});
	});
});
