// Benchmark 5b: the Atlas Action Trigger's own work for one call, in process.
//   node --expose-gc --import tsx bench/action-handler.ts [--quick] [--previous <receive.ts>]
// Microseconds per call of nodes/AtlasActionTrigger/receive.ts (the secret check, the declared
// parameters with zod, the item, the answer guard; the fallback timer off, see below)
// against a baseline doing what n8n's Webhook node does for the same call (Header Auth compared
// as a plain string, the item {headers, params, query, body}), both through the same minimal
// IWebhookFunctions (n8n-core's WebhookContext, express and the engine are n8n's cost and left
// out: bench/action.ts measures the whole round trip). Alternating rounds, median of the
// per-round ratios. Run with declared parameters (date, partySize: the demo's action) and
// without. --previous: also times another receive.ts (e.g. an older commit's, extracted with
// `git archive <commit> nodes | tar -x -C .cache/before`) in the same rounds: before/after.
import { resolve } from 'node:path';
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { receive } from '../nodes/AtlasActionTrigger/receive';
import { argValue } from './lib/args';
import { QUICK, log, machine, median, round, runMain, writeResult } from './lib/common';

const ROUNDS = QUICK ? 5 : 11;
const CALLS = QUICK ? 1_000 : 5_000;
const SECRET = 'bench-secret-0123456789abcdef';
const DECLARED = {
	parameter: [
		{ name: 'date', type: 'string', required: true, description: 'the day, as YYYY-MM-DD' },
		{ name: 'partySize', type: 'number', required: true, description: 'how many people' },
	],
};

function response() {
	const res = {
		statusCode: 200,
		headersSent: false,
		body: undefined as unknown,
		status(code: number) {
			res.statusCode = code;
			return res;
		},
		json(body: unknown) {
			res.body = body;
			res.headersSent = true;
			return res;
		},
		send(body: unknown) {
			res.body = body;
			res.headersSent = true;
			return res;
		},
		end() {
			res.headersSent = true;
			return res;
		},
		setHeader() {
			return res;
		},
	};
	return res;
}

function context(parameters: IDataObject, i: number): IWebhookFunctions {
	const req = {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-atlas-secret': SECRET },
		params: {},
		query: {},
		body: {
			callId: `call_${i}`,
			campaignId: 'cmp_sales',
			customerPhoneNumber: '+14155550123',
			customerName: 'Dana',
			parameters: { date: '2026-12-08', partySize: '2' },
		},
	};
	const res = response();
	return {
		getRequestObject: () => req,
		getResponseObject: () => res,
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
		getCredentials: async (type: string) =>
			type === 'atlasActionApi'
				? { headerName: 'X-Atlas-Secret', secret: SECRET }
				: { name: 'X-Atlas-Secret', value: SECRET },
		logger: { warn: () => undefined },
	} as unknown as IWebhookFunctions;
}

/** n8n's Webhook node for the same call: Header Auth, then the item (nodes/Webhook, 1.123/2.41). */
async function webhookNode(this: IWebhookFunctions) {
	const req = this.getRequestObject();
	const expected = (await this.getCredentials('httpHeaderAuth')) as { name: string; value: string };
	const headerName = expected.name.toLowerCase();
	if (!(headerName in req.headers) || req.headers[headerName] !== expected.value)
		throw new Error('Authorization data is wrong!');
	this.getNodeParameter('options', {});
	const json = { headers: req.headers, params: req.params, query: req.query, body: req.body };
	return { workflowData: [[{ json: json as unknown as IDataObject }]] };
}

const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function timeRound(
	handler: (this: IWebhookFunctions) => Promise<unknown>,
	parameters: IDataObject,
): Promise<number> {
	const contexts = Array.from({ length: CALLS }, (_, i) => context(parameters, i));
	collect();
	const start = process.hrtime.bigint();
	for (const ctx of contexts) {
		const out = (await handler.call(ctx)) as { workflowData?: unknown[][] };
		if (out.workflowData?.[0].length !== 1) throw new Error('no item');
	}
	return Number(process.hrtime.bigint() - start) / 1_000 / CALLS;
}

type Handler = (this: IWebhookFunctions) => Promise<unknown>;

async function main(): Promise<void> {
	const previousPath = argValue('previous');
	const previous = previousPath
		? ((await import(resolve(previousPath))) as { receive: Handler }).receive
		: undefined;
	const results: Array<Record<string, unknown>> = [];
	for (const [label, declared] of [
		['no declared parameters', {}],
		['2 declared parameters', DECLARED],
	] as const) {
		const parameters: IDataObject = {
			respond: 'lastNode',
			// the 25 s fallback timer is left out: tens of thousands of calls a second would keep
			// tens of thousands of timers (and what they hold) alive, which no real n8n sees
			options: { fallbackAfterSeconds: 0 },
			declaredParameters: declared,
		};
		for (let w = 0; w < 3; w++) {
			await timeRound(webhookNode, parameters);
			await timeRound(receive, parameters);
			if (previous) await timeRound(previous, parameters);
		}
		const base: number[] = [];
		const ours: number[] = [];
		const ratios: number[] = [];
		const prev: number[] = [];
		const vsPrevious: number[] = [];
		for (let r = 0; r < ROUNDS; r++) {
			const b = await timeRound(webhookNode, parameters);
			const o = await timeRound(receive, parameters);
			base.push(b);
			ours.push(o);
			ratios.push(o / b);
			if (previous) {
				const p = await timeRound(previous, parameters);
				prev.push(p);
				vsPrevious.push(o / p);
			}
		}
		const row = {
			case: label,
			baselineUsPerCall: round(median(base)),
			oursUsPerCall: round(median(ours)),
			ratio: round(median(ratios)),
			perRoundRatio: [round(Math.min(...ratios)), round(Math.max(...ratios))],
			rounds: ROUNDS,
			callsPerRound: CALLS,
			...(previous && {
				previousUsPerCall: round(median(prev)),
				previousRatio: round(median(prev.map((p, i) => p / base[i]))),
				oursVsPrevious: round(median(vsPrevious), 3),
				oursVsPreviousPerRound: [
					round(Math.min(...vsPrevious), 2),
					round(Math.max(...vsPrevious), 2),
				],
			}),
		};
		results.push(row);
		log(
			`action handler, ${label}: Webhook node's path ${row.baselineUsPerCall} µs/call, ours ${row.oursUsPerCall} µs/call, ratio ${row.ratio} (rounds ${row.perRoundRatio.join('-')})${previous ? `; previous ${row.previousUsPerCall} µs/call, ours/previous ${row.oursVsPrevious} (rounds ${row.oursVsPreviousPerRound?.join('-')})` : ''}`,
		);
	}
	const file = writeResult('action-handler', {
		benchmark: 'action-handler',
		machine: machine(),
		results,
	});
	log(`-> ${file}`);
}

runMain(main);
