// Diagnostic preload for a benchmark n8n 2.x (NODE_OPTIONS=--require this file, env
// ATLAS_ISOLATE_PROBE=<file prefix>): counts how often n8n's expression engine hands out an
// isolate and where from (the webhook phase, the execution, other), how many isolates it
// builds (warm pool refills, cold starts: async or blocking), and the time spent building them.
// Written to <prefix>.<pid> (at most every 200 ms) so bench/action.ts --probe can read the counts
// between targets. Touches nothing of n8n's behaviour; n8n's install is not modified.
'use strict';
const Module = require('node:module');
const { appendFileSync, writeFileSync } = require('node:fs');

const file = process.env.ATLAS_ISOLATE_PROBE;
const counts = {
	acquire: { webhook: 0, execution: 0, other: 0 },
	lazyBridge: { webhook: 0, execution: 0, other: 0 },
	build: { async: 0, sync: 0, asyncMs: 0, syncMs: 0 },
	evaluate: { webhook: 0, execution: 0, other: 0 },
};
let timer;
const flush = () => {
	timer = undefined;
	if (file) writeFileSync(`${file}.${process.pid}`, JSON.stringify(counts));
};
const changed = () => {
	if (!timer) timer = setTimeout(flush, 200);
};
const site = () => {
	const limit = Error.stackTraceLimit;
	Error.stackTraceLimit = 60;
	const stack = new Error().stack ?? '';
	Error.stackTraceLimit = limit;
	if (file && process.env.ATLAS_ISOLATE_PROBE_STACKS)
		appendFileSync(`${file}.stacks.txt`, `${stack}\n\n`);
	if (stack.includes('live-webhooks') || stack.includes('webhook-helpers')) return 'webhook';
	if (stack.includes('workflow-execute')) return 'execution';
	return 'other';
};

function patch(runtime) {
	const proto = runtime.ExpressionEvaluator?.prototype;
	if (!proto || proto.__atlasProbe) return;
	proto.__atlasProbe = true;
	const acquire = proto.acquire;
	proto.acquire = function (caller) {
		counts.acquire[site()]++;
		changed();
		return acquire.call(this, caller);
	};
	const sync = proto.acquireBridgeSync;
	proto.acquireBridgeSync = function () {
		counts.lazyBridge[site()]++;
		changed();
		return sync.call(this);
	};
	const evaluate = proto.evaluate;
	proto.evaluate = function (...args) {
		counts.evaluate[site()]++;
		changed();
		return evaluate.apply(this, args);
	};
	const bridge = runtime.IsolatedVmBridge?.prototype;
	if (bridge) {
		const init = bridge.initialize;
		bridge.initialize = async function () {
			const t = performance.now();
			try {
				return await init.call(this);
			} finally {
				counts.build.async++;
				counts.build.asyncMs += performance.now() - t;
				changed();
			}
		};
		const initSync = bridge.initializeSync;
		bridge.initializeSync = function () {
			const t = performance.now();
			try {
				return initSync.call(this);
			} finally {
				counts.build.sync++;
				counts.build.syncMs += performance.now() - t;
				changed();
			}
		};
	}
}

const load = Module._load;
Module._load = function (request, parent, isMain) {
	const exported = load.call(this, request, parent, isMain);
	if (request === '@n8n/expression-runtime') patch(exported);
	return exported;
};
