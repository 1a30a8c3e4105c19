import type { IDataObject } from 'n8n-workflow';

/*
 * Tolerant reading of one value, the same for every node: Atlas's key names are partly guessed
 * and its values come as text, numbers or nothing. Anything unusable reads as absent.
 */

/** Text-like scalars as trimmed text; anything else (objects, arrays, NaN) is absent. */
export function toText(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'boolean' || (typeof value === 'number' && !Number.isNaN(value)))
		return String(value);
	return undefined;
}

/** Numbers and numeric text as a finite number; anything else is absent. */
export function toNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value === 'string' && value.trim() !== '') {
		const n = Number(value);
		return Number.isFinite(n) ? n : undefined;
	}
	return undefined;
}

/** A date-time as text: Atlas's text as it is, epoch seconds or milliseconds as ISO text. */
export function toTime(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() || undefined;
	if (typeof value === 'number' && Number.isFinite(value)) {
		return new Date(value < 1e12 ? value * 1000 : value).toISOString();
	}
	return undefined;
}

export function orNull<T>(value: T | undefined): T | null {
	return value === undefined ? null : value;
}

/** What `withOriginal` remembers of an item: Atlas's record and the keys only Atlas's record gave. */
interface Origin {
	raw: IDataObject;
	/** Keys copied from Atlas's record that are not ours (dropped by Simplify). */
	atlasKeys: string[];
	/** Our keys when the item was built (replaced by Atlas's record in the raw view). */
	modelKeys: string[];
}

const ORIGINS = new WeakMap<object, Origin>();

/** Atlas's record an item was built from, and which of its keys came only from Atlas. */
export function originOf(item: object): Origin | undefined {
	return ORIGINS.get(item);
}

/**
 * Our fields first, then every original field they do not already name: users find the same
 * names whatever Atlas sent, and nothing Atlas sent is lost. The item remembers its record, so
 * Simplify (model/simplify.ts) can show our fields only, or Atlas's record as it came.
 */
export function withOriginal(modelled: IDataObject, raw: IDataObject): IDataObject {
	const modelKeys = Object.keys(modelled);
	const atlasKeys = mergeOriginal(modelled, raw);
	ORIGINS.set(modelled, { raw, atlasKeys, modelKeys });
	return modelled;
}

/**
 * Our fields only, remembering Atlas's record (so Simplify off can still show it): what a node
 * builds when it knows it will show the simplified view, without copying Atlas's fields first.
 */
export function oursOnly(modelled: IDataObject, raw: IDataObject): IDataObject {
	ORIGINS.set(modelled, { raw, atlasKeys: [], modelKeys: Object.keys(modelled) });
	return modelled;
}

/**
 * What an acting operation did (Schedule, Reply As Human, ...), then every field of Atlas's
 * answer it does not already name. A receipt remembers no record: every view shows it whole
 * (Atlas's answers to actions are short, and partly unknown: nothing of them is dropped).
 */
export function receipt(done: IDataObject, answer: IDataObject): IDataObject {
	mergeOriginal(done, answer);
	return done;
}

/** Copies the raw fields the item does not name onto it; answers the keys copied. */
function mergeOriginal(item: IDataObject, raw: IDataObject): string[] {
	const copied: string[] = [];
	for (const key of Object.keys(raw)) {
		if (Object.prototype.hasOwnProperty.call(item, key)) continue;
		copied.push(key);
		// defined, never assigned: a `__proto__` key in a payload stays a plain field
		if (key === '__proto__')
			Object.defineProperty(item, key, {
				value: raw[key],
				enumerable: true,
				writable: true,
				configurable: true,
			});
		else item[key] = raw[key];
	}
	return copied;
}

/**
 * The item with fields added after it was read (a mark such as `subscribed`, a note such as
 * `recordingError`): a new object that keeps the item's record, so every view still applies.
 * With `first` the fields come before the item's own.
 */
export function extendItem(item: IDataObject, fields: IDataObject, first = false): IDataObject {
	const out = first ? { ...fields, ...item } : { ...item, ...fields };
	const origin = ORIGINS.get(item);
	if (origin) ORIGINS.set(out, origin);
	return out;
}
