import { createHash } from 'crypto';

/*
 * The de-dup record as it is stored in the workflow's static data: one string, because n8n
 * reads and writes static data whole on every delivery (n8n 1.x also copies it into every
 * execution), so its size is paid per event. First `!<writer>.<seq>`, who wrote it (dedupe.ts),
 * then the keys in order, oldest first, separated by spaces, with `~<minute>` (base 36) before
 * the first key of each minute:
 *
 *     !q8Xe3kLm.2s ~ssvuo kT3bq7Cw1Pz0 9fXcQ2LmA_bE ~ssvup Hx-4Tt0aW6yR
 *
 * About 13 bytes per key. The first format, `<16-character key>:<minute>` per key (~23 bytes),
 * is still read: its keys are read by their first 12 characters, which is what hashKey makes
 * of the same event now.
 */

const KEY_CHARS = 12;
const MINUTE_MARK = '~';
const MINUTE_MARK_CODE = MINUTE_MARK.charCodeAt(0);
const WRITER_MARK = '!';
const WRITER_MARK_CODE = WRITER_MARK.charCodeAt(0);

/** 72 bits of SHA-256 (base64url): short enough to keep thousands, far too long to collide. */
export function hashKey(key: string): string {
	return createHash('sha256').update(key).digest('base64url').slice(0, KEY_CHARS);
}

export function minuteMark(minute: number): string {
	return `${MINUTE_MARK}${minute.toString(36)}`;
}

export function writerMark(writer: string, seq: number): string {
	return `${WRITER_MARK}${writer}.${seq.toString(36)}`;
}

/** Who wrote a record, when it says so. */
export function readWriter(blob: string): { writer: string; seq: number } | undefined {
	if (blob.charCodeAt(0) !== WRITER_MARK_CODE) return undefined;
	const end = blob.indexOf(' ');
	const mark = end < 0 ? blob : blob.slice(0, end);
	const dot = mark.lastIndexOf('.');
	const seq = parseInt(mark.slice(dot + 1), 36);
	return dot > 1 && Number.isFinite(seq) ? { writer: mark.slice(1, dot), seq } : undefined;
}

/** The keys part of a record: without who wrote it. */
export function recordBody(blob: string): string {
	if (blob.charCodeAt(0) !== WRITER_MARK_CODE) return blob;
	const end = blob.indexOf(' ');
	return end < 0 ? '' : blob.slice(end + 1);
}

/**
 * Calls `visit` with each key of a stored record and its minute, in order. Tokens it cannot
 * read (another program's edits, a cut string) are skipped, never thrown on.
 */
export function readRecord(blob: string, visit: (key: string, minute: number) => void): void {
	let minute = NaN;
	for (const token of blob.split(' ')) {
		if (token === '' || token.charCodeAt(0) === WRITER_MARK_CODE) continue;
		if (token.charCodeAt(0) === MINUTE_MARK_CODE) {
			minute = parseInt(token.slice(1), 36);
			continue;
		}
		const separator = token.indexOf(':');
		if (separator === 0) continue;
		const at = separator > 0 ? parseInt(token.slice(separator + 1), 36) : minute;
		if (!Number.isFinite(at)) continue;
		visit(token.slice(0, Math.min(separator > 0 ? separator : token.length, KEY_CHARS)), at);
	}
}

/** The keys of a stored record, in order (tests and benchmarks read the record with this). */
export function recordKeys(blob: string): string[] {
	const keys: string[] = [];
	readRecord(blob, (key) => keys.push(key));
	return keys;
}

/** The record of `keys` (hashed key -> minute, in order). */
export function writeRecord(keys: Map<string, number>): string {
	const parts: string[] = [];
	let last: number | undefined;
	for (const [key, minute] of keys) {
		if (minute !== last) parts.push(minuteMark(minute));
		parts.push(key);
		last = minute;
	}
	return parts.join(' ');
}

/** `blob` (written by writeRecord) without its first `count` keys, still starting with its minute. */
export function dropFirstKeys(blob: string, count: number): string {
	let at = 0;
	let mark = '';
	for (let dropped = 0; dropped < count;) {
		const end = blob.indexOf(' ', at);
		if (blob.charCodeAt(at) === MINUTE_MARK_CODE) mark = blob.slice(at, end < 0 ? undefined : end);
		else dropped++;
		if (end < 0) return '';
		at = end + 1;
	}
	const rest = blob.slice(at);
	return rest.charCodeAt(0) === MINUTE_MARK_CODE || mark === '' ? rest : `${mark} ${rest}`;
}
