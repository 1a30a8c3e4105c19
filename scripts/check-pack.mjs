#!/usr/bin/env node
// Asserts what `npm pack` would publish (run `npm run build` first):
//  - exactly: package.json, README.md, LICENSE.md (npm adds these itself; CHANGELOG.md only if
//    package.json `files` lists it), dist/index.js (optional), dist/credentials/**/*.js,
//    dist/nodes/**/*.js, dist/nodes/**/*.node.json (codex) and the .svg/.png icons next to them;
//    nothing else (no tests, emulator, source maps, .ts/.d.ts, tsbuildinfo, tarballs...)
//  - every node/credential declared in package.json `n8n` is in it, and `main` (if set) too
//  - every `file:` icon the built code references is in it
//  - every require() in the packed JS loads n8n-workflow, zod, crypto/node:crypto or a packed file
// Prints every problem and exits non-zero on any.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const problems = [];

const r = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8' });
if (r.status !== 0) {
	console.error(`❌ npm pack --dry-run failed:\n${r.stderr}`);
	process.exit(1);
}
const [packed] = JSON.parse(r.stdout);
const files = new Set(packed.files.map((f) => f.path.split(path.sep).join('/')));

const shipsChangelog = (pkg.files ?? []).some((f) => /^CHANGELOG(\.md)?$/i.test(f));
const REQUIRED = [
	'package.json',
	'README.md',
	'LICENSE.md',
	...(shipsChangelog ? ['CHANGELOG.md'] : []),
];
const ALLOWED = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE\.md$/,
	...(shipsChangelog ? [/^CHANGELOG\.md$/] : []),
	/^dist\/index\.js$/,
	/^dist\/(nodes|credentials)\/.+\.js$/,
	/^dist\/nodes\/.+\.node\.json$/,
	/^dist\/(nodes|credentials)\/.+\.(svg|png)$/,
];
// Never shipped, even where the patterns above would allow the extension.
const FORBIDDEN =
	/(^|\/)(test|tests|__tests__|emulator|fixtures?|e2e)(\/|$)|\.(test|spec)\.js$|__lint_probe|\.map$|\.d\.ts$/i;

for (const f of [...files].sort()) {
	if (FORBIDDEN.test(f)) problems.push(`must not be packed: ${f}`);
	else if (!ALLOWED.some((re) => re.test(f))) problems.push(`unexpected file in the package: ${f}`);
}

for (const f of REQUIRED) if (!files.has(f)) problems.push(`missing from the package: ${f}`);

const declared = [...(pkg.n8n?.credentials ?? []), ...(pkg.n8n?.nodes ?? [])];
if ((pkg.n8n?.nodes ?? []).length === 0) problems.push('package.json n8n.nodes is empty');
for (const f of declared) {
	if (!files.has(path.posix.normalize(f)))
		problems.push(`declared in package.json n8n but not packed (build first?): ${f}`);
}
if (pkg.main && !files.has(path.posix.normalize(pkg.main))) {
	problems.push(
		`package.json "main" is "${pkg.main}", which is not in the package (the built entry is dist/index.js)`,
	);
}

// Each node folder ships its light and dark icon.
for (const node of pkg.n8n?.nodes ?? []) {
	const dir = path.posix.dirname(path.posix.normalize(node));
	const icons = [...files].filter((f) => path.posix.dirname(f) === dir && /\.(svg|png)$/.test(f));
	if (icons.length < 2)
		problems.push(`${dir}: expected a light and a dark icon, found ${icons.join(', ') || 'none'}`);
}

// Content checks on the packed JS.
const ALLOWED_REQUIRE = /^(n8n-workflow|zod(\/[a-z0-9-]+)?|crypto|node:crypto)$/;
for (const f of [...files].filter((x) => x.endsWith('.js'))) {
	const abs = path.join(ROOT, f);
	const text = fs.readFileSync(abs, 'utf8');
	const dir = path.posix.dirname(f);
	for (const [, spec] of text.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) {
		if (spec.startsWith('./') || spec.startsWith('../')) {
			const base = path.posix.normalize(path.posix.join(dir, spec));
			const candidates = [base, `${base}.js`, `${base}.json`, `${base}/index.js`];
			if (!candidates.some((c) => files.has(c)))
				problems.push(`${f}: require('${spec}') points to a file that is not packed`);
		} else if (!ALLOWED_REQUIRE.test(spec)) {
			problems.push(
				`${f}: require('${spec}') — only n8n-workflow, zod, crypto/node:crypto and relative files may be loaded`,
			);
		}
	}
	if (/\brequire\(\s*[^"'`\s)]/.test(text))
		problems.push(`${f}: require() with a computed argument`);
	for (const [, icon] of text.matchAll(/["'`]file:([^"'`]+)["'`]/g)) {
		const target = path.posix.normalize(path.posix.join(dir, icon));
		if (!files.has(target)) problems.push(`${f}: icon file:${icon} (${target}) is not packed`);
	}
}

console.log(
	`${packed.filename}: ${files.size} files, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked`,
);
for (const f of [...files].sort()) console.log(`  ${f}`);
if (problems.length > 0) {
	console.log(`\n❌ ${problems.length} problem(s):`);
	for (const p of problems) console.log(`  - ${p}`);
	process.exit(1);
}
console.log('\n✅ package contents are exactly what should be published');
