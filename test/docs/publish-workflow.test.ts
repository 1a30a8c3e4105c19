// Lints .github/workflows/*.yml, which cannot run here: valid YAML; publish.yml's triggers, the
// permissions trusted publishing needs, Node 24 with npm >= 11.5.1, no token, and the steps in
// order (npm ci, build, lint, test, publish --provenance --access public); ci.yml runs npm test
// and the real-n8n suites on pushes and pull requests.   npm run lint:workflows
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../rig/paths';

// js-yaml comes with eslint (a dev dependency); only this check uses it
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as { load(text: string): unknown };

const DIR = join(REPO_ROOT, '.github', 'workflows');

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Workflow {
	name: string;
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, { 'runs-on': string; permissions?: Record<string, string>; steps: Step[] }>;
}

test('every workflow file is valid YAML with jobs and steps', () => {
	for (const file of readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f))) {
		const wf = yaml.load(readFileSync(join(DIR, file), 'utf8')) as Workflow;
		assert.equal(typeof wf.name, 'string', `${file}: name`);
		assert.ok(wf.on && typeof wf.on === 'object', `${file}: on`);
		for (const [id, job] of Object.entries(wf.jobs)) {
			assert.ok(job['runs-on'], `${file}: ${id} runs-on`);
			assert.ok(Array.isArray(job.steps) && job.steps.length > 0, `${file}: ${id} steps`);
			for (const step of job.steps)
				assert.ok(step.uses || step.run, `${file}: ${id}: a step without uses or run`);
		}
		// ${{ }} expressions are balanced
		const text = readFileSync(join(DIR, file), 'utf8');
		assert.equal(
			(text.match(/\$\{\{/g) ?? []).length,
			(text.match(/\}\}/g) ?? []).length,
			`${file}: unbalanced \${{ }}`,
		);
	}
});

const scripts = (
	JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
		scripts: Record<string, string>;
	}
).scripts;

test('publish.yml publishes through npm trusted publishing, with provenance, after build, lint and tests', () => {
	const text = readFileSync(join(DIR, 'publish.yml'), 'utf8');
	const wf = yaml.load(text) as Workflow;
	assert.ok('release' in wf.on, 'runs on a release');
	assert.equal(
		wf.permissions?.['id-token'],
		'write',
		'id-token: write (trusted publishing and provenance)',
	);
	assert.doesNotMatch(
		text,
		/NPM_TOKEN|NODE_AUTH_TOKEN/,
		'trusted publishing needs no token: none may be passed',
	);
	const [job] = Object.values(wf.jobs);
	const steps = job.steps;
	const setupNode = steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
	assert.equal(String(setupNode?.with?.['node-version']), '24', 'Node 24');
	assert.ok(
		steps.some((s) => /npm install -g npm@\^?11\.(5\.[1-9]|[6-9]|\d\d)/.test(s.run ?? '')),
		'npm 11.5.1 or later is installed before publishing (trusted publishing)',
	);
	assert.equal(
		setupNode?.with?.['registry-url'],
		'https://registry.npmjs.org',
		'registry-url (writes the .npmrc npm publish reads)',
	);
	const runs = steps.map((s) => s.run ?? '');
	const at = (re: RegExp) => runs.findIndex((r) => re.test(r));
	const order = [
		/\bnpm ci\b/,
		/\bnpm run build\b/,
		/\bnpm run lint\b/,
		/\bnpm run test:unit\b|\bnpm test\b/,
		/\bnpm publish\b/,
	].map(at);
	assert.ok(
		order.every((i) => i >= 0),
		`steps missing: ${JSON.stringify(order)}`,
	);
	assert.deepEqual(
		[...order].sort((a, b) => a - b),
		order,
		'npm ci, build, lint, test, publish in this order',
	);
	const publish = steps[order[4]];
	assert.match(publish.run!, /npm publish --provenance --access public/);
	assert.equal(publish.env, undefined, 'the publish step gets no token');
	for (const r of runs)
		for (const m of r.matchAll(/npm run ([\w:-]+)/g))
			assert.ok(scripts[m[1]], `package.json has no script ${m[1]}`);
});

test('ci.yml runs npm test and the real-n8n suites on pushes and pull requests', () => {
	const wf = yaml.load(readFileSync(join(DIR, 'ci.yml'), 'utf8')) as Workflow;
	assert.ok('push' in wf.on && 'pull_request' in wf.on, 'runs on push and pull_request');
	const runs = Object.values(wf.jobs).flatMap((job) => job.steps.map((s) => s.run ?? ''));
	const all = runs.join('\n');
	for (const script of [
		'npm test',
		'npm run test:e2e',
		'npm run test:hardening',
		'npm run test:examples',
		'npm run demo:check',
	]) {
		assert.ok(all.includes(script), `ci.yml runs ${script}`);
	}
	for (const r of runs)
		for (const m of r.matchAll(/npm run ([\w:-]+)/g))
			assert.ok(scripts[m[1]], `package.json has no script ${m[1]}`);
});
