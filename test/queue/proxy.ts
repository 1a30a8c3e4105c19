// A round-robin load balancer in front of the webhook processes, like nginx/HAProxy with passive
// health checks: an upstream that refuses the connection is marked down and the request goes to
// the next one (nothing was sent yet, so that is safe even for POST); a request already sent to
// an upstream that then dies is answered 502 (not retried: POSTs are not idempotent). Every
// request is logged with the upstream that served it.
import { type IncomingMessage, type Server, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyLogEntry {
	seq: number;
	upstream: number;
	status: number;
	body: string;
	start: number;
	end: number;
	error?: string;
}

export interface Proxy {
	url: string;
	log: ProxyLogEntry[];
	down: Set<number>;
	close(): Promise<void>;
}

export async function startProxy(upstreams: string[]): Promise<Proxy> {
	const log: ProxyLogEntry[] = [];
	const down = new Set<number>();
	let next = 0;
	let seq = 0;
	const server: Server = createServer(async (req, res) => {
		const entry = {
			seq: ++seq,
			upstream: -1,
			status: 0,
			body: '',
			start: Date.now(),
			end: 0,
		} as ProxyLogEntry;
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const body = Buffer.concat(chunks);
		entry.body = body.toString('utf8');
		const first = next++ % upstreams.length;
		let answered = false;
		for (let i = 0; i < upstreams.length && !answered; i++) {
			const u = (first + i) % upstreams.length;
			if (down.has(u)) continue;
			entry.upstream = u;
			try {
				const up = await forward(upstreams[u], req, body);
				entry.status = up.status;
				res.writeHead(up.status, { 'content-type': up.type }).end(up.body);
				answered = true;
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code;
				entry.error = code ?? (error as Error).message;
				if (code === 'ECONNREFUSED') {
					down.add(u);
					continue;
				} // never reached it: try the next
				break; // sent, then lost: the sender sees a failure
			}
		}
		if (!answered) {
			entry.status = 502;
			res.writeHead(502).end('bad gateway');
		}
		entry.end = Date.now();
		log.push(entry);
	});
	server.keepAliveTimeout = 5_000;
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		log,
		down,
		close: () =>
			new Promise<void>((r) => {
				server.closeAllConnections();
				server.close(() => r());
			}),
	};
}

function forward(
	base: string,
	req: IncomingMessage,
	body: Buffer,
): Promise<{ status: number; type: string; body: Buffer }> {
	return new Promise((resolve, reject) => {
		const headers = {
			...req.headers,
			host: new URL(base).host,
			'content-length': String(body.length),
		};
		const up = request(`${base}${req.url}`, { method: req.method, headers, agent: false }, (r) => {
			const parts: Buffer[] = [];
			r.on('data', (c: Buffer) => parts.push(c));
			r.on('end', () =>
				resolve({
					status: r.statusCode ?? 502,
					type: String(r.headers['content-type'] ?? 'text/plain'),
					body: Buffer.concat(parts),
				}),
			);
			r.on('error', reject);
		});
		up.on('error', reject);
		up.end(body);
	});
}
