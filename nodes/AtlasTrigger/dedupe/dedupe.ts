import type { IDataObject } from 'n8n-workflow';

import { randomBytes } from 'crypto';

import { MINUTE } from '../../shared/util/time';

import {
	dropFirstKeys,
	hashKey,
	minuteMark,
	readRecord,
	readWriter,
	recordBody,
	writeRecord,
	writerMark,
} from './seenRecord';

export { hashKey } from './seenRecord';

/*
 * At-least-once delivery means duplicates. The record of what was seen lives in the
 * workflow's static data (saved by n8n in its database, so it survives restarts and is
 * shared by every process in queue mode), and is mirrored in this process's memory:
 *
 * - n8n reads static data when a request starts and writes it back whole when it ends, so
 *   two requests in flight at once would each write back only their own new keys (last
 *   writer wins). Every write here is the union of what the database held and everything
 *   this process has seen, so the next write restores what an overlapping one dropped.
 * - The check and the record happen in one synchronous step, so two deliveries of the same
 *   event racing through one process cannot both pass.
 *
 * - Each write is signed with this memory's writer id and a sequence number. A database copy
 *   this memory wrote itself (an overlapping request saved it late) holds nothing new, so it
 *   is not parsed again (~0.9 ms at 5,000 keys; on n8n 1.x under concurrent deliveries most
 *   requests find such a copy), only written over.
 *
 * The memory is a cache, never the only copy: after a restart the database copy is merged
 * back in on the first request. Duplicates that reach two different processes in the very
 * same moment can both pass; README ("Scaling with queue mode") documents how often.
 */

export interface DedupeSettings {
	windowMs: number;
	maxKeys: number;
}

/** Where in the node's static data the seen keys are kept, as one compact string (seenRecord.ts). */
export const SEEN_FIELD = 'seen';

const MAX_SCOPES = 1_000;

interface ScopeMemory {
	keys: Map<string, number>; // hashed key -> minute first seen, oldest first
	writer: string; // signs this memory's writes (a new memory, after a restart or eviction, is a new writer)
	seq: number; // of this memory's last write
	mergedBlob: string | undefined; // the other writer's record last merged
	// writeRecord(keys), kept up to date as keys are added and pruned, so a delivery does not
	// rebuild the whole record (5,000 keys by default) to write it; undefined = rebuild once
	body: string | undefined;
	lastMinute: number | undefined; // minute of the body's last key
	// minute of the first (oldest) key, so a delivery that evicts nothing need not walk the
	// Map (a Map walk steps over the holes its deletions left); undefined = not known
	firstMinute: number | undefined;
}

const memory = new Map<string, ScopeMemory>();

function mergeRecord(blob: string, into: Map<string, number>): void {
	readRecord(blob, (key, minute) => {
		const known = into.get(key);
		if (known === undefined || known < minute) {
			into.delete(key);
			into.set(key, minute);
		}
	});
}

function scopeMemory(scope: string): ScopeMemory {
	let entry = memory.get(scope);
	if (entry) {
		// keep recently used scopes at the end, so the oldest is evicted first
		memory.delete(scope);
	} else {
		entry = {
			keys: new Map(),
			writer: randomBytes(6).toString('base64url'),
			seq: 0,
			mergedBlob: undefined,
			body: '',
			lastMinute: undefined,
			firstMinute: undefined,
		};
		if (memory.size >= MAX_SCOPES) memory.delete(memory.keys().next().value as string);
	}
	memory.set(scope, entry);
	return entry;
}

/**
 * Forgets the oldest keys (outside the window, or over the cap): always a prefix of `keys`.
 * Once over a large cap it forgets the oldest 5 % at once, so the stored string is cut once per
 * few hundred new events instead of being copied on every delivery.
 */
function prune(state: ScopeMemory, oldestMinute: number, maxKeys: number): void {
	const { keys } = state;
	if (keys.size <= maxKeys && state.firstMinute !== undefined && state.firstMinute >= oldestMinute)
		return;
	let excess = keys.size > maxKeys ? keys.size - maxKeys + Math.floor(maxKeys / 20) : 0;
	let removed = 0;
	state.firstMinute = undefined;
	for (const [key, minute] of keys) {
		if (minute >= oldestMinute && excess <= 0) {
			state.firstMinute = minute;
			break;
		}
		keys.delete(key);
		excess--;
		removed++;
	}
	if (removed > 0 && state.body !== undefined) state.body = dropFirstKeys(state.body, removed);
}

/**
 * For each key, true when it was seen inside the window (a duplicate), false when it is new;
 * new keys are recorded at once. `undefined` keys are never duplicates and never recorded.
 */
export function checkAndRecord(
	staticData: IDataObject,
	scope: string,
	keys: Array<string | undefined>,
	settings: DedupeSettings,
	now = Date.now(),
): boolean[] {
	const state = scopeMemory(scope);
	const stored =
		typeof staticData[SEEN_FIELD] === 'string' ? (staticData[SEEN_FIELD] as string) : undefined;
	if (stored !== undefined && !wroteItself(state, stored) && stored !== state.mergedBlob) {
		mergeRecord(stored, state.keys);
		state.mergedBlob = stored;
		state.body = undefined; // merging may reorder keys
		state.firstMinute = undefined;
	}

	const nowMinute = Math.floor(now / MINUTE);
	const oldestMinute = Math.floor((now - settings.windowMs) / MINUTE);
	prune(state, oldestMinute, settings.maxKeys);

	let added = false;
	const duplicates = keys.map((key) => {
		if (key === undefined) return false;
		const hashed = hashKey(key);
		if (state.keys.has(hashed)) return true;
		if (state.keys.size === 0) state.firstMinute = nowMinute;
		state.keys.set(hashed, nowMinute);
		if (state.body !== undefined) {
			const entry =
				state.body !== '' && state.lastMinute === nowMinute
					? hashed
					: `${minuteMark(nowMinute)} ${hashed}`;
			state.body = state.body === '' ? entry : `${state.body} ${entry}`;
			state.lastMinute = nowMinute;
		}
		added = true;
		return false;
	});
	if (added) prune(state, oldestMinute, settings.maxKeys);

	if (state.body === undefined) {
		state.body = writeRecord(state.keys);
		state.lastMinute = lastValue(state.keys);
	}
	// Also when nothing was added: a database copy that lacks keys (an overlapping write saved
	// last, another process's record) must not stay so until the next new event or a restart.
	if (added || (stored !== undefined && recordBody(stored) !== state.body)) {
		state.seq++;
		const mark = writerMark(state.writer, state.seq);
		staticData[SEEN_FIELD] = state.body === '' ? mark : `${mark} ${state.body}`;
	}
	return duplicates;
}

/** True when `stored` is a record this memory wrote (so it holds nothing this memory lacks). */
function wroteItself(state: ScopeMemory, stored: string): boolean {
	const signed = readWriter(stored);
	return signed !== undefined && signed.writer === state.writer && signed.seq <= state.seq;
}

function lastValue(keys: Map<string, number>): number | undefined {
	let last: number | undefined;
	for (const minute of keys.values()) last = minute;
	return last;
}

/** Forgets this process's copy (tests; a workflow's static data being reset). */
export function forgetScope(scope: string): void {
	memory.delete(scope);
}
