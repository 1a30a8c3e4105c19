import type { IDataObject } from 'n8n-workflow';

/*
 * Atlas answers in mixed shapes (see README, "What we assume about the Atlas API"): the docs
 * show camelCase (`recordingUrl`), live GETs answer PascalCase Azure-table rows (`RowKey`),
 * and lists come bare or wrapped (`{ value: [...] }`). Everything that reads an answer goes
 * through these helpers, so no other code has to care.
 */

/** Folds `RowKey`, `rowKey`, `row_key` and `row-key` to one spelling. */
export function foldKey(key: string): string {
	return key.replace(/[_\-\s]/g, '').toLowerCase();
}

export function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A lookup that finds a field whatever its casing. Built once per record. */
export function foldRecord(record: IDataObject): Map<string, unknown> {
	const folded = new Map<string, unknown>();
	for (const key of Object.keys(record)) {
		const foldedKey = foldKey(key);
		// the first spelling wins, so an exact camelCase field beats a later duplicate
		if (!folded.has(foldedKey)) folded.set(foldedKey, record[key]);
	}
	return folded;
}

/** The first of `names` (any casing) that holds a value other than null, undefined or ''. */
export function pick(folded: Map<string, unknown>, ...names: string[]): unknown {
	for (const name of names) {
		const value = folded.get(foldKey(name));
		if (value !== undefined && value !== null && value !== '') return value;
	}
	return undefined;
}

export function pickString(folded: Map<string, unknown>, ...names: string[]): string | undefined {
	const value = pick(folded, ...names);
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

export function pickNumber(folded: Map<string, unknown>, ...names: string[]): number | undefined {
	const value = pick(folded, ...names);
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
		return Number(value);
	}
	return undefined;
}

const LIST_WRAPPERS = [
	'value',
	'data',
	'items',
	'results',
	'records',
	'list',
	'rows',
	'webhooks',
	'subscriptions',
	'triggers',
	'campaigns',
	'calls',
	'sessions',
	'messages',
];

/** Any list answer as an array of records: bare, wrapped in a known key, or a lone record. */
export function toList(answer: unknown): IDataObject[] {
	if (answer === undefined || answer === null || answer === '') return [];
	if (Array.isArray(answer)) return answer.filter(isRecord);
	if (!isRecord(answer)) return [];
	const folded = foldRecord(answer);
	for (const wrapper of LIST_WRAPPERS) {
		const inner = folded.get(wrapper);
		if (Array.isArray(inner)) return inner.filter(isRecord);
		// some APIs nest twice: { data: { items: [...] } }
		if (isRecord(inner)) {
			const nested = toList(inner);
			if (nested.length > 0) return nested;
		}
	}
	const arrays = Object.values(answer).filter(Array.isArray);
	if (arrays.length === 1) return (arrays[0] as unknown[]).filter(isRecord);
	return Object.keys(answer).length > 0 ? [answer] : [];
}

/** A single-record answer, unwrapping `{ data: {...} }`-style envelopes and one-element lists. */
export function toRecord(answer: unknown): IDataObject | undefined {
	if (Array.isArray(answer)) return answer.find(isRecord);
	if (!isRecord(answer)) return undefined;
	const folded = foldRecord(answer);
	for (const wrapper of ['data', 'value', 'result', 'item', 'record']) {
		const inner = folded.get(wrapper);
		if (isRecord(inner) && Object.keys(answer).length === 1) return inner;
		if (Array.isArray(inner) && Object.keys(answer).length === 1) return inner.find(isRecord);
	}
	return answer;
}
