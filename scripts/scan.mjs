#!/usr/bin/env node
// Runs n8n's community-package scanner locally, the way the official gate does
// (@n8n/scan-community-package: analyzePackageByName), minus the registry/provenance steps:
//
//   node scripts/scan.mjs source    lint the checkout with SOURCE_FILE_PATTERNS
//                                   (package.json, {nodes,credentials}/**/*.{js,ts,json})
//   node scripts/scan.mjs dist      `npm pack` the package (needs `npm run build`), unpack the
//                                   tarball and lint it with ['**/*.js', 'package.json']
//   node scripts/scan.mjs selftest  prove that `npm run lint`'s ESLint config rejects each
//                                   forbidden construct in shipped code and leaves tests alone
//                                   (lints virtual files; nothing is written into nodes/)
//
// Prints every finding and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importScanner } from './import-scanner.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function report(label, result) {
	if (result.passed) {
		console.log(`✅ ${label}: passed${result.message ? ` (${result.message})` : ''}`);
		return true;
	}
	console.log(`❌ ${label}: ${result.message}`);
	if (result.details) console.log(result.details);
	if (result.error && !result.details) console.log(result.error);
	return false;
}

async function scanSource() {
	const { analyzePackage, SOURCE_FILE_PATTERNS } = await importScanner('atlas-scan-import-');
	const result = await analyzePackage(ROOT, SOURCE_FILE_PATTERNS);
	// analyzePackage passes an empty match; a checkout without nodes is not a pass here.
	if (result.passed && result.message === 'No files found to analyze') {
		return report('scanner (checkout)', { passed: false, message: 'no files matched' });
	}
	return report(`scanner (checkout, ${SOURCE_FILE_PATTERNS.join(' ')})`, result);
}

function run(cmd, args, opts) {
	const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
	if (r.status !== 0) {
		throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}${r.stdout}`);
	}
	return r.stdout;
}

async function scanDist() {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const declared = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = declared.filter((p) => !fs.existsSync(path.join(ROOT, p)));
	if (declared.length === 0 || missing.length > 0) {
		console.log(
			`❌ scanner (tarball): built files missing, run \`npm run build\` first: ${missing.join(', ') || 'package.json declares no nodes'}`,
		);
		return false;
	}
	const { analyzePackage } = await importScanner('atlas-scan-import-');
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-scan-dist-'));
	try {
		const out = run('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT });
		const [{ filename }] = JSON.parse(out);
		const packageDir = path.join(work, 'package');
		fs.mkdirSync(packageDir);
		run('tar', [
			'-xzf',
			path.join(work, path.basename(filename)),
			'-C',
			packageDir,
			'--strip-components=1',
		]);
		const result = await analyzePackage(packageDir, ['**/*.js', 'package.json']);
		return report(`scanner (tarball ${path.basename(filename)}, **/*.js package.json)`, result);
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

// Each probe is a file's text, where it pretends to live, and the rules that must fire
// (each listed rule must report at least one error). `[]` means: must lint clean.
const PROBES = [
	[
		'node:fs import',
		'nodes/Probe/a.ts',
		"import fs from 'fs';\nexport const a = fs;\n",
		['no-restricted-imports', '@n8n/community-nodes/no-restricted-imports'],
	],
	[
		'devDependency import (scanner allows it)',
		'nodes/Probe/a.ts',
		"import { request } from 'undici';\nexport const a = request;\n",
		['no-restricted-imports'],
	],
	[
		'n8n-core type import',
		'nodes/Probe/a.ts',
		"import type { WorkflowExecute } from 'n8n-core';\nexport type A = WorkflowExecute;\n",
		['no-restricted-imports'],
	],
	[
		're-export from a module',
		'credentials/a.ts',
		"export * from 'http';\n",
		['no-restricted-imports'],
	],
	[
		'import = require',
		'nodes/Probe/a.ts',
		"import http = require('http');\nexport const a = http;\n",
		['no-restricted-syntax'],
	],
	[
		'require()',
		'nodes/Probe/a.ts',
		"export const a = require('os');\n",
		['no-restricted-syntax', 'no-restricted-globals'],
	],
	[
		'dynamic import()',
		'nodes/Probe/a.ts',
		"export const a = () => import('os');\n",
		['no-restricted-syntax'],
	],
	[
		'process.env',
		'nodes/Probe/a.ts',
		'export const a = process.env.X;\n',
		['no-restricted-globals', '@n8n/community-nodes/no-restricted-globals'],
	],
	...[
		'setTimeout',
		'setInterval',
		'setImmediate',
		'clearTimeout',
		'globalThis',
		'global',
		'__dirname',
		'__filename',
		'require',
		'eval',
		'Function',
		'fetch',
	].map((g) => [
		`global ${g}`,
		'nodes/Probe/a.ts',
		`export const a = ${g};\n`,
		['no-restricted-globals'],
	]),
	[
		'eval()',
		'credentials/a.ts',
		"export const a = eval('1');\n",
		['no-restricted-globals', 'no-eval', '@n8n/community-nodes/no-dangerous-functions'],
	],
	[
		'new Function()',
		'nodes/Probe/a.ts',
		"export const a = new Function('return 1');\n",
		['no-restricted-syntax', 'no-new-func'],
	],
	[
		'this.helpers.request(',
		'nodes/Probe/a.ts',
		"export async function f(this: any) { return this.helpers.request({ uri: 'x' }); }\n",
		['no-restricted-syntax'],
	],
	[
		'this.helpers.httpRequest(',
		'nodes/Probe/a.ts',
		"export async function f(this: any) { return this.helpers.httpRequest({ url: 'x' }); }\n",
		['no-restricted-syntax'],
	],
	[
		'helpers.httpRequest( via alias',
		'nodes/Probe/a.ts',
		"export async function f(this: any) { const helpers = this.helpers; return helpers.httpRequest({ url: 'x' }); }\n",
		['no-restricted-syntax'],
	],
	[
		"helpers['requestWithAuthentication']",
		'nodes/Probe/a.ts',
		"export async function f(this: any) { return this.helpers['requestWithAuthentication'].call(this, 'a', {}); }\n",
		['no-restricted-syntax'],
	],
	[
		'const { httpRequest } = this.helpers',
		'nodes/Probe/a.ts',
		'export function f(this: any) { const { httpRequest } = this.helpers; return httpRequest; }\n',
		['no-restricted-syntax'],
	],
	[
		'empty catch',
		'nodes/Probe/a.ts',
		'export function f(g: () => void) { try { g(); } catch {} }\n',
		['no-restricted-syntax', 'no-empty'],
	],
	[
		'catch holding only a comment',
		'nodes/Probe/a.ts',
		'export function f(g: () => void) { try { g(); } catch (e) { // ignore\n } }\n',
		['no-restricted-syntax'],
	],
	[
		'.catch(() => {})',
		'nodes/Probe/a.ts',
		'export function f(p: Promise<void>) { return p.catch(() => {}); }\n',
		['no-restricted-syntax'],
	],
	[
		'console.log',
		'nodes/Probe/a.ts',
		"export function f() { console.log('x'); }\n",
		['no-console'],
	],
	[
		'allowed imports and httpRequestWithAuthentication',
		'nodes/Probe/a.ts',
		"import { NodeOperationError } from 'n8n-workflow';\nimport type { IExecuteFunctions } from 'n8n-workflow';\nimport { z } from 'zod';\nimport { createHmac } from 'node:crypto';\nimport { randomUUID } from 'crypto';\nimport { x } from '../shared/x';\n" +
			"export async function f(this: IExecuteFunctions) {\n\ttry {\n\t\treturn await this.helpers.httpRequestWithAuthentication.call(this, 'atlasApi', { url: 'x' });\n\t} catch (error) {\n\t\tthrow new NodeOperationError(this.getNode(), error as Error);\n\t}\n}\nexport const all = [z, createHmac, randomUUID, x];\n",
		[],
	],
	[
		'test file using Node built-ins',
		'test/unit/probe.test.ts',
		"import fs from 'node:fs';\nimport { request } from 'undici';\nexport async function f() {\n\tprocess.env.X = '1';\n\tawait new Promise((r) => setTimeout(r, 1));\n\ttry { fs.rmSync('x'); } catch {\n\t\t// best effort\n\t}\n\treturn [globalThis, __dirname, request];\n}\n",
		[],
	],
	[
		'script using Node built-ins',
		'scripts/probe.ts',
		"import { spawnSync } from 'node:child_process';\nexport const r = spawnSync('ls', [], { env: process.env });\n",
		[],
	],
];

async function selftest() {
	const { ESLint } = await import('eslint');
	const eslint = new ESLint({ cwd: ROOT });
	let ok = true;
	for (const [label, filePath, text, expected] of PROBES) {
		const [res] = await eslint.lintText(text, { filePath: path.join(ROOT, filePath) });
		const fired = new Set(res.messages.filter((m) => m.severity === 2).map((m) => m.ruleId));
		const fatal = res.messages.filter((m) => m.fatal);
		let pass;
		if (fatal.length > 0) pass = false;
		else if (expected.length === 0) pass = res.errorCount === 0 && res.warningCount === 0;
		else pass = expected.every((r) => fired.has(r));
		ok &&= pass;
		const got = [...fired].join(', ') || 'nothing';
		console.log(
			`${pass ? '✅' : '❌'} ${label} (${filePath}): expected ${expected.join(', ') || 'no findings'}; got ${got}`,
		);
		if (!pass)
			for (const m of res.messages)
				console.log(`     ${m.line}:${m.column} ${m.ruleId} ${m.message}`);
	}
	return ok;
}

const modes = process.argv.slice(2);
if (modes.length === 0) modes.push('source');
let ok = true;
for (const mode of modes) {
	if (mode === 'source') ok = (await scanSource()) && ok;
	else if (mode === 'dist') ok = (await scanDist()) && ok;
	else if (mode === 'selftest') ok = (await selftest()) && ok;
	else {
		console.error(`unknown mode ${mode}; use source, dist or selftest`);
		ok = false;
	}
}
process.exit(ok ? 0 : 1);
