// Secrets at code level (no n8n needed): the webhook token is compared in constant time, and
// README examples carry no real-looking api-key or token. The runtime checks (n8n's log,
// execution data, error messages) are in bad-input-faults-load-secrets.test.ts.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, mock, test } from 'node:test';
import { REPO_ROOT } from '../rig/paths';
import {
	deriveToken,
	hashToken,
	newNonce,
	tokenMatches,
	tokenMatchesHash,
} from '../../nodes/AtlasTrigger/activation/token';
import { redactToken as redactHookUrl } from '../../nodes/shared/util/redact';

const newToken = (): string => deriveToken('secrets-test-key', newNonce());

/** Runs `check` with crypto.createHash and crypto.timingSafeEqual spied on (then restored): its result, the
 * algorithms hashed and the byte lengths of each constant-time comparison. */
function spyOnCrypto(check: () => boolean): {
	result: boolean;
	hashed: string[];
	compared: Array<[number, number]>;
} {
	const hashed: string[] = [];
	const compared: Array<[number, number]> = [];
	const realCreateHash = crypto.createHash;
	const realTimingSafeEqual = crypto.timingSafeEqual;
	const h = mock.method(crypto, 'createHash', (algorithm: string) => {
		hashed.push(algorithm);
		return realCreateHash(algorithm);
	});
	const t = mock.method(
		crypto,
		'timingSafeEqual',
		(a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
			compared.push([a.byteLength, b.byteLength]);
			return realTimingSafeEqual(a, b);
		},
	);
	const result = check();
	h.mock.restore();
	t.mock.restore();
	return { result, hashed, compared };
}

describe('webhook token comparison', () => {
	afterEach(() => mock.restoreAll());

	test('hashes both sides and compares the equal-length digests with timingSafeEqual, whatever the input', () => {
		const token = newToken();
		const inputs = [
			token,
			`${token}x`,
			token.slice(0, -1),
			'a',
			token.toUpperCase(),
			`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
		];
		for (const given of inputs) {
			const { result, hashed, compared } = spyOnCrypto(() => tokenMatches(token, given));
			assert.equal(result, given === token, `result for ${JSON.stringify(given.slice(0, 6))}…`);
			assert.deepEqual(
				hashed,
				['sha256', 'sha256'],
				'both sides hashed (no early exit on length or prefix)',
			);
			assert.deepEqual(compared, [[32, 32]], 'one constant-time comparison of two 32-byte digests');
		}
	});

	test('the source compares tokens only through timingSafeEqual (no ===, no early return on length)', () => {
		const source = readFileSync(join(REPO_ROOT, 'nodes/AtlasTrigger/activation/token.ts'), 'utf8');
		const body = source.slice(
			source.indexOf('export function tokenMatches('),
			source.indexOf('\n}\n', source.indexOf('export function tokenMatches(')),
		);
		assert.match(body, /timingSafeEqual\(a, b\)/);
		assert.match(body, /createHash\('sha256'\)\.update\(expected\)/);
		assert.match(body, /createHash\('sha256'\)\.update\(given\)/);
		assert.doesNotMatch(
			body,
			/expected\s*===\s*given|given\s*===\s*expected|\.length\s*!==|\.length\s*===/,
		);
	});

	test('against the stored hash: hashes the given token and compares two 32-byte digests with timingSafeEqual, whatever the input', () => {
		const token = newToken();
		const stored = hashToken(token);
		const inputs = [
			token,
			`${token}x`,
			token.slice(0, -1),
			'a',
			'',
			token.toUpperCase(),
			`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
		];
		for (const given of inputs) {
			const { result, hashed, compared } = spyOnCrypto(() => tokenMatchesHash(stored, given));
			assert.equal(result, given === token, `result for ${JSON.stringify(given.slice(0, 6))}…`);
			assert.deepEqual(
				hashed,
				['sha256'],
				'the given token hashed (no early exit on length or prefix)',
			);
			assert.deepEqual(compared, [[32, 32]], 'one constant-time comparison of two 32-byte digests');
		}
		for (const given of [undefined, null, 42, [token], { token }])
			assert.equal(tokenMatchesHash(stored, given), false);
		assert.equal(tokenMatchesHash(undefined, token), false, 'no hash recorded: nothing matches');
		assert.equal(tokenMatchesHash('', ''), false);
		assert.equal(
			tokenMatchesHash(token, token),
			false,
			'the token itself in place of its hash matches nothing',
		);
	});

	test('the derived token carries at least 128 bits and depends on both the api-key and the nonce', () => {
		const nonce = newNonce();
		const token = deriveToken('key-a', nonce);
		assert.match(token, /^[A-Za-z0-9_-]{32}$/, '32 base64url characters = 192 bits');
		assert.equal(deriveToken('key-a', nonce), token, 'deterministic');
		assert.notEqual(deriveToken('key-b', nonce), token, 'another api-key, another token');
		assert.notEqual(deriveToken('key-a', newNonce()), token, 'another nonce, another token');
		assert.equal(Buffer.from(nonce, 'base64url').length, 24, 'the nonce: 192 random bits');
	});

	test('the source compares against the hash only through timingSafeEqual (no ===, no early return on the given length)', () => {
		const source = readFileSync(join(REPO_ROOT, 'nodes/AtlasTrigger/activation/token.ts'), 'utf8');
		const start = source.indexOf('export function tokenMatchesHash');
		const body = source.slice(start, source.indexOf('\n}\n', start));
		assert.match(body, /timingSafeEqual\(a, b\)/);
		assert.match(body, /createHash\('sha256'\)\.update\(given\)/);
		assert.doesNotMatch(body, /expectedHash\s*===\s*given|given\s*===|given\.length|b\.length/);
	});

	test('refuses a missing, empty or non-string token without comparing', () => {
		const token = newToken();
		for (const given of [undefined, '', null, 42, [token], { token }])
			assert.equal(tokenMatches(token, given), false);
		assert.equal(tokenMatches(undefined, token), false, 'no token recorded: nothing matches');
		assert.equal(tokenMatches('', ''), false);
	});

	test('a hook URL is redacted for messages', () => {
		const token = newToken();
		const redacted = redactHookUrl(
			`https://n8n.example.com/webhook/abc/atlas?event=call_completed&token=${token}`,
		);
		assert.equal(redacted.includes(token), false);
		assert.match(redacted, /token=\*\*\*/);
	});
});

describe('README examples', () => {
	const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

	test('every token in README is a placeholder', () => {
		const tokens = [...readme.matchAll(/[?&]token=([^&\s)`"'|]+)/g)].map((m) => m[1]);
		for (const t of tokens)
			assert.match(
				t,
				/^(<[^>]+>|\*+|\.\.\.|…|\$\{?\w+\}?|SECRET|secret|xxx+)$/i,
				`token=${t} looks real`,
			);
	});

	test('no api-key value in README looks real', () => {
		const keys = [...readme.matchAll(/api[-_ ]?key["']?\s*[:=]\s*["']?([^\s"',`)]+)/gi)].map(
			(m) => m[1],
		);
		for (const k of keys)
			assert.ok(
				k.length < 16 || /^(<[^>]+>|\*+|KEY|\$\{?\w+\}?)$/i.test(k),
				`api-key ${k} looks real`,
			);
		// nothing shaped like a generated token (192 bits, base64url) anywhere
		const tokenShaped = /(?<![\w/-])(?=[\w-]*\d)(?=[\w-]*[A-Z])(?=[\w-]*[a-z])[\w-]{32}(?![\w-])/;
		assert.doesNotMatch(readme, tokenShaped);
	});
});
