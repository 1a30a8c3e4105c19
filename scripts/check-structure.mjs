#!/usr/bin/env node
// Two layout rules ESLint does not check (npm run lint:structure, part of npm run lint):
//   - no import circle in nodes/ (type-only imports count: a circle of types is still a circle)
//   - no file over MAX_LINES lines in nodes/, credentials/, scripts/, bench/ or test/rig/
// Before checking the tree it proves on virtual files that a circle and a long file are found.
// Prints every finding and exits non-zero on any.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_LINES = 300;
const CIRCLE_FREE = ['nodes'];
const SHORT = ['nodes', 'credentials', 'scripts', 'bench', 'test/rig'];
const CODE = /\.(ts|mts|mjs|js|sh)$/;

function walk(dir, out = []) {
	if (!fs.existsSync(dir)) return out;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (entry.name === 'node_modules' || entry.name === 'dist') continue;
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) walk(full, out);
		else if (CODE.test(entry.name)) out.push(full);
	}
	return out;
}

/** Relative module specifiers of one source (comments removed first). */
function relativeImports(source) {
	const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
	const specs = [];
	const patterns = [
		/\b(?:import|export)\b[^'";]*?\bfrom\s*['"](\.{1,2}\/[^'"]*)['"]/g,
		/\bimport\s*['"](\.{1,2}\/[^'"]*)['"]/g,
		/\bimport\s*\(\s*['"](\.{1,2}\/[^'"]*)['"]\s*\)/g,
	];
	for (const pattern of patterns) for (const m of code.matchAll(pattern)) specs.push(m[1]);
	return specs;
}

/** The file a relative specifier names among `files` (x.ts, x/index.ts, x.js → x.ts). */
function resolve(from, spec, files) {
	const base = path.resolve(path.dirname(from), spec);
	const candidates = [base, `${base}.ts`, path.join(base, 'index.ts')];
	if (/\.js$/.test(base)) candidates.push(base.replace(/\.js$/, '.ts'));
	return candidates.find((c) => files.has(c));
}

/** Every import circle among `files` (Map path → source), each as the list of its files. */
export function findCircles(files) {
	const edges = new Map();
	for (const [file, source] of files) {
		const targets = relativeImports(source)
			.map((spec) => resolve(file, spec, files))
			.filter(Boolean);
		edges.set(file, [...new Set(targets)]);
	}
	const circles = new Map();
	const state = new Map(); // 1: on the current path, 2: done
	const stack = [];
	const visit = (file) => {
		state.set(file, 1);
		stack.push(file);
		for (const next of edges.get(file) ?? []) {
			if (state.get(next) === 1) {
				const circle = stack.slice(stack.indexOf(next));
				circles.set([...circle].sort().join('\n'), circle);
			} else if (!state.has(next)) visit(next);
		}
		stack.pop();
		state.set(file, 2);
	};
	for (const file of [...files.keys()].sort()) if (!state.has(file)) visit(file);
	return [...circles.values()];
}

/** Files of `files` (Map path → source) over MAX_LINES lines, with their count. */
export function findLong(files) {
	const long = [];
	for (const [file, source] of files) {
		const lines = source.split('\n').length - (source.endsWith('\n') ? 1 : 0);
		if (lines > MAX_LINES) long.push({ file, lines });
	}
	return long;
}

function selftest() {
	const v = (name) => path.join(ROOT, '__selftest__', name);
	const circle = findCircles(
		new Map([
			[v('a.ts'), "import type { B } from './b';\nexport type A = B;\n"],
			[v('b.ts'), "// import { nothing } from './c';\nexport { a } from './a';\n"],
			[v('c.ts'), "import { b } from './b';\n"],
		]),
	);
	const long = findLong(new Map([[v('long.ts'), 'x\n'.repeat(MAX_LINES + 1)]]));
	const short = findLong(new Map([[v('short.ts'), 'x\n'.repeat(MAX_LINES)]]));
	const ok =
		circle.length === 1 && circle[0].length === 2 && long.length === 1 && short.length === 0;
	if (!ok) console.log('❌ check-structure selftest: the checks no longer find what they must');
	return ok;
}

function read(dirs) {
	const files = new Map();
	for (const dir of dirs)
		for (const file of walk(path.join(ROOT, dir))) files.set(file, fs.readFileSync(file, 'utf8'));
	return files;
}

const rel = (file) => path.relative(ROOT, file);
let failed = !selftest();
const circles = findCircles(read(CIRCLE_FREE));
for (const circle of circles) {
	failed = true;
	console.log(`❌ import circle: ${[...circle, circle[0]].map(rel).join(' → ')}`);
}
if (circles.length === 0) console.log(`✅ no import circle in ${CIRCLE_FREE.join(', ')}/`);
const long = findLong(read(SHORT));
for (const { file, lines } of long) {
	failed = true;
	console.log(`❌ ${rel(file)} has ${lines} lines (at most ${MAX_LINES}): split it by concern`);
}
if (long.length === 0) console.log(`✅ no file over ${MAX_LINES} lines in ${SHORT.join('/, ')}/`);
process.exit(failed ? 1 : 0);
