import type { IDataObject } from 'n8n-workflow';

import { isRecord } from './read';
import { originOf } from './values';

/*
 * Simplify, n8n's convention for nodes that return large records, applied the same way on every
 * node: an item built by `withOriginal(ours, raw)` is shown
 *   - 'simplified': our fields only (the default of new nodes);
 *   - 'raw': Atlas's record as it came, plus what we added to the item after reading it
 *     (enrichment, notes such as `callRecordError`);
 *   - 'both': ours first, then Atlas's own fields (nodes at typeVersion 1, as they always were).
 * Nested records (a call's messages, an enriched call record, bookings) follow the same rule.
 */
export type RecordView = 'simplified' | 'raw' | 'both';

/** The view a node's Simplify parameter asks for; typeVersion 1 nodes keep 'both'. */
export function recordView(typeVersion: number, simplify: boolean | undefined): RecordView {
	if (typeVersion < 2) return 'both';
	return simplify === false ? 'raw' : 'simplified';
}

function presentValue(value: unknown, view: RecordView, depth: number): unknown {
	if (depth > 8) return value;
	if (Array.isArray(value)) {
		// copied only when an entry changes (the hot path of a delivery: nothing to copy)
		let out: unknown[] | undefined;
		for (let i = 0; i < value.length; i++) {
			const entry: unknown = value[i];
			const shown =
				typeof entry === 'object' && entry !== null ? presentValue(entry, view, depth + 1) : entry;
			if (shown !== entry) {
				out ??= value.slice();
				out[i] = shown;
			}
		}
		return out ?? value;
	}
	if (isRecord(value)) return presentRecord(value, view, depth);
	return value;
}

function presentRecord(record: IDataObject, view: RecordView, depth: number): IDataObject {
	const origin = originOf(record);
	// nothing of Atlas's to leave out (or no record): the same object unless a value changes
	if (!origin || (view !== 'raw' && origin.atlasKeys.length === 0)) {
		// not built from an Atlas record: our own object, whose values may be
		let out: IDataObject | undefined;
		for (const key of Object.keys(record)) {
			const value = record[key];
			if (typeof value !== 'object' || value === null) continue; // scalars are shown as they are
			const shown = presentValue(value, view, depth + 1);
			if (shown !== record[key]) {
				out ??= { ...record };
				out[key] = shown as IDataObject[keyof IDataObject];
			}
		}
		return out ?? record;
	}
	const atlasOnly = new Set(origin.atlasKeys);
	const out: IDataObject = {};
	if (view === 'raw') {
		// Atlas's record as it came; then what was added to the item after it was read
		const built = new Set([...origin.modelKeys, ...origin.atlasKeys]);
		for (const key of Object.keys(origin.raw)) define(out, key, origin.raw[key]);
		for (const key of Object.keys(record))
			if (!built.has(key) && !Object.prototype.hasOwnProperty.call(out, key))
				define(out, key, presentValue(record[key], view, depth + 1));
		return out;
	}
	for (const key of Object.keys(record)) {
		if (atlasOnly.has(key)) continue;
		define(out, key, presentValue(record[key], view, depth + 1));
	}
	return out;
}

function define(target: IDataObject, key: string, value: unknown): void {
	if (key === '__proto__')
		Object.defineProperty(target, key, {
			value,
			enumerable: true,
			writable: true,
			configurable: true,
		});
	else target[key] = value as IDataObject[keyof IDataObject];
}

/** One output item's JSON as the view asks (the same object when there is nothing to change). */
export function present(json: IDataObject, view: RecordView): IDataObject {
	if (view === 'both') return json;
	return presentRecord(json, view, 0);
}
