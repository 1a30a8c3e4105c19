// Every example workflow under examples/ imports into a real n8n (per line: env N8N_LINES=1,2,
// default both, booted in parallel) with this package installed: saved through the REST API,
// read back unchanged, every node type/version known to that n8n, every parameter one the node
// has, no required parameter missing. Examples needing Slack/Google credentials are never
// activated; Atlas-only ones are not activated either (the e2e suites cover activation).
//   npm run test:examples      (builds first)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { INodeTypeDescription } from 'n8n-workflow';
import {
	type Line,
	type N8nClient,
	type N8nInstance,
	OWNER,
	packOnce,
	selectedLines,
	startN8nWithOwner,
} from '../rig';
import { type Descriptions, checkExample, indexDescriptions, loadExamples } from './examples';

const examples = loadExamples();
test('examples/ holds the documented example workflows', () => {
	const files = examples.map((e) => e.file);
	for (const f of [
		'demo-call-completed.json',
		'call-completed-to-slack.json',
		'call-completed-to-google-sheets.json',
		'message-received-human-reply.json',
		'nightly-missed-call-recovery.json',
		'speed-to-lead.json',
		'reminder-calls-from-sheet.json',
		'agent-checks-availability.json',
		'agent-books-appointment.json',
		'bookings-to-google-calendar.json',
		'daily-campaign-report.json',
		'privacy-request-erase.json',
	]) {
		assert.ok(files.includes(f), `examples/${f} is missing`);
	}
});

/** The editor's files (/types/nodes.json, with every node's full description) need a session. */
async function loginCookie(baseUrl: string): Promise<string> {
	const res = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
	});
	assert.equal(res.status, 200, 'POST /rest/login');
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
	assert.ok(cookie, 'n8n-auth cookie');
	return cookie.split(';')[0];
}

// boot every selected line at once (about a minute each), test them one after the other
const lines = selectedLines();
const booting = new Map<
	Line,
	Promise<{ n8n: N8nInstance; client: N8nClient; descriptions: Descriptions }>
>();
function boot(line: Line) {
	if (!booting.has(line)) {
		booting.set(
			line,
			Promise.resolve().then(async () => {
				// the npm script builds first; packed once for every line
				const { n8n, client } = await startN8nWithOwner({
					line,
					packageTarball: packOnce('examples'),
				});
				const res = await fetch(`${n8n.baseUrl}/types/nodes.json`, {
					headers: { cookie: await loginCookie(n8n.baseUrl) },
				});
				assert.equal(res.status, 200, 'GET /types/nodes.json');
				const descriptions = indexDescriptions((await res.json()) as INodeTypeDescription[]);
				return { n8n, client, descriptions };
			}),
		);
	}
	return booting.get(line)!;
}

for (const line of lines) {
	describe(`examples on n8n line ${line}`, { timeout: 600_000 }, () => {
		let ctx: Awaited<ReturnType<typeof boot>>;
		before(async () => {
			for (const l of lines) void boot(l).catch(() => undefined); // start them all now
			ctx = await boot(line);
		});
		after(async () => {
			await ctx?.n8n.stop({ removeFolder: true });
		});

		test('the Atlas nodes are loaded', () => {
			assert.ok(ctx.descriptions.has('n8n-nodes-atlas.atlas'), 'Atlas node type loaded');
			assert.ok(
				ctx.descriptions.has('n8n-nodes-atlas.atlasTrigger'),
				'Atlas Trigger node type loaded',
			);
		});

		test('the check itself catches an unknown parameter, option, version and node type', () => {
			const slack = structuredClone(
				examples.find((e) => e.file === 'call-completed-to-slack.json')!,
			);
			const post = slack.json.nodes.find((n) => n.type === 'n8n-nodes-base.slack')!;
			post.parameters = {
				...post.parameters,
				channnel: '#typo',
				otherOptions: { notAnOption: true },
			};
			slack.json.nodes.push(
				{ name: 'Old', type: 'n8n-nodes-atlas.atlas', typeVersion: 99 },
				{ name: 'Gone', type: 'n8n-nodes-atlas.nope', typeVersion: 1 },
			);
			const problems = checkExample(slack, ctx.descriptions).join('\n');
			assert.match(problems, /unknown parameter "channnel"/);
			assert.match(problems, /has no option "notAnOption"/);
			assert.match(problems, /"Old".*unknown version/);
			assert.match(problems, /"Gone".*unknown node type/);
		});

		for (const example of examples) {
			test(`${example.file}: known nodes and parameters, imported unchanged`, async () => {
				assert.deepEqual(
					checkExample(example, ctx.descriptions),
					[],
					`${example.file} does not load cleanly`,
				);
				// import the way the editor does (POST /rest/workflows), then read it back
				const { pinData: _pin, ...json } = example.json;
				const created = await ctx.client.createWorkflow(json as never);
				const back = await ctx.client.getWorkflow(created.id);
				assert.equal(back.name, example.json.name);
				assert.equal(back.active, false, 'imported inactive');
				for (const node of example.json.nodes) {
					const saved = back.nodes.find((n) => n.name === node.name) as typeof node | undefined;
					assert.ok(saved, `node "${node.name}" saved`);
					assert.equal(saved.type, node.type);
					assert.equal(saved.typeVersion, node.typeVersion);
					assert.deepEqual(
						saved.parameters ?? {},
						node.parameters ?? {},
						`parameters of "${node.name}" kept as written`,
					);
				}
				assert.deepEqual(back.connections, example.json.connections, 'connections kept');
				await ctx.client.deleteWorkflow(created.id);
			});
		}
	});
}
