// Benchmark 4: package cost.
//   node --import tsx bench/package.ts [--quick] [--lines 1,2]
// - Size of the packed tarball (built from the working tree, see lib/pack.ts) and its unpacked size.
// - Load time by n8n's own loader: both packages are installed into an n8n user folder exactly
//   as n8n installs community packages (scripts/install-package-like-n8n.sh), then each
//   repetition is a fresh process (bench/lib/load-child.cjs) on the line's Node with the line's
//   n8n-core, timing LazyPackageDirectoryLoader(dir).loadAll() as n8n does at boot.
//   Baseline: an empty package (n8n-nodes-empty: one credential-less trivial node, nothing
//   else), same run, repetitions alternating; medians and the median of the per-pair ratios.
import { execFileSync, spawnSync } from 'node:child_process';
import {
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Line, ensureN8nInstalled, n8nInstallDir, nodeBinary } from '../test/rig/paths';
import { benchLines } from './lib/args';
import { QUICK, REPO, log, machine, median, round, writeResult } from './lib/common';
import { packWorkingTree } from './lib/pack';

/** What package.json's n8n section ships: what n8n's loader must find. */
const SHIPPED = (() => {
	const { n8n } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	return { nodes: n8n.nodes.length, credentials: n8n.credentials.length };
})();

const REPS = QUICK ? 3 : 21;

/** A minimal community package: one trivial node, no credentials, no dependencies. */
function packEmpty(): string {
	const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-empty-'));
	mkdirSync(join(dir, 'dist', 'nodes', 'Empty'), { recursive: true });
	writeFileSync(
		join(dir, 'package.json'),
		JSON.stringify({
			name: 'n8n-nodes-empty',
			version: '0.0.1',
			license: 'MIT',
			keywords: ['n8n-community-node-package'],
			files: ['dist'],
			n8n: {
				n8nNodesApiVersion: 1,
				strict: true,
				credentials: [],
				nodes: ['dist/nodes/Empty/Empty.node.js'],
			},
			peerDependencies: { 'n8n-workflow': '*' },
		}),
	);
	writeFileSync(
		join(dir, 'dist', 'nodes', 'Empty', 'Empty.node.js'),
		`"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
class Empty {
	constructor() {
		this.description = {
			displayName: 'Empty', name: 'empty', group: ['transform'], version: 1, description: 'Does nothing',
			defaults: { name: 'Empty' }, inputs: ['main'], outputs: ['main'], properties: [],
		};
	}
	async execute() { return [this.getInputData()]; }
}
exports.Empty = Empty;
`,
	);
	const name = execFileSync('npm', ['pack', '--silent'], { cwd: dir, encoding: 'utf8' })
		.trim()
		.split('\n')
		.pop()!;
	return join(dir, name);
}

function install(userFolder: string, tarball: string): void {
	const r = spawnSync(
		'bash',
		[join(REPO, 'scripts', 'install-package-like-n8n.sh'), userFolder, tarball],
		{ encoding: 'utf8' },
	);
	if (r.status !== 0) throw new Error(`install failed: ${r.stdout}\n${r.stderr}`);
}

function loadOnce(line: Line, dir: string): { ms: number; nodes: number; credentials: number } {
	const r = spawnSync(
		nodeBinary(line),
		[join(REPO, 'bench', 'lib', 'load-child.cjs'), n8nInstallDir(line), dir],
		{
			encoding: 'utf8',
			env: {
				...process.env,
				NODE_OPTIONS: '',
				N8N_USER_FOLDER: mkdtempSync(join(tmpdir(), 'atlas-bench-loadenv-')),
			},
		},
	);
	if (r.status !== 0) throw new Error(`load-child failed: ${r.stderr}`);
	return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

function dirBytes(dir: string): number {
	let n = 0;
	for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (e.isFile())
			n += statSync(join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)).size;
	}
	return n;
}

function main(): void {
	const ours = packWorkingTree();
	const emptyTarball = packEmpty();
	const userFolder = mkdtempSync(join(tmpdir(), 'atlas-bench-nodes-'));
	install(userFolder, ours.tarball);
	install(userFolder, emptyTarball);
	const modules = join(userFolder, '.n8n', 'nodes', 'node_modules');
	const oursDir = join(modules, 'n8n-nodes-atlas');
	const emptyDir = join(modules, 'n8n-nodes-empty');
	const size = {
		tarballBytes: ours.bytes,
		unpackedBytes: dirBytes(oursDir),
		emptyTarballBytes: statSync(emptyTarball).size,
	};
	log(
		`package: tarball ${size.tarballBytes} bytes (unpacked ${size.unpackedBytes} bytes); empty package tarball ${size.emptyTarballBytes} bytes`,
	);

	const results: Array<Record<string, unknown>> = [];
	for (const line of benchLines()) {
		ensureN8nInstalled(line);
		const check = loadOnce(line, oursDir);
		if (check.nodes !== SHIPPED.nodes || check.credentials !== SHIPPED.credentials)
			throw new Error(
				`n8n ${line}.x loaded ${JSON.stringify(check)} from our package, which ships ${JSON.stringify(SHIPPED)}`,
			);
		loadOnce(line, emptyDir);
		const base: number[] = [];
		const mine: number[] = [];
		const ratios: number[] = [];
		for (let r = 0; r < REPS; r++) {
			const order = r % 2 === 0 ? [emptyDir, oursDir] : [oursDir, emptyDir];
			const got = new Map(order.map((dir) => [dir, loadOnce(line, dir).ms]));
			base.push(got.get(emptyDir)!);
			mine.push(got.get(oursDir)!);
			ratios.push(got.get(oursDir)! / got.get(emptyDir)!);
		}
		const row = {
			line,
			emptyMs: round(median(base), 1),
			oursMs: round(median(mine), 1),
			extraMs: round(median(mine) - median(base), 1),
			ratio: round(median(ratios), 2),
			reps: REPS,
		};
		results.push(row);
		log(
			`package load n8n ${line}.x: ours ${row.oursMs} ms, empty package ${row.emptyMs} ms (+${row.extraMs} ms, ratio ${row.ratio})`,
		);
	}
	rmSync(userFolder, { recursive: true, force: true });
	const file = writeResult('package', { benchmark: 'package', machine: machine(), size, results });
	log(`-> ${file}`);
}

main();
