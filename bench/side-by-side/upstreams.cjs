// Loopback stand-ins for the upstreams of an Othentic execution service, answering as the real ones do:
//   GET  /api/v3/ticker/price?symbol=S   Binance's ticker            {"symbol":S,"price":"…"}
//   POST /pinning/pinJSONToIPFS          Pinata (pinataContent or a bare object), with the real CIDv0 of the pinned text
//   GET  /ipfs/<cid>                     a gateway for what was pinned
//   POST /  (JSON-RPC sendTask)          an Othentic node's JSON-RPC, answering true
//   GET  /counts                         how many requests of each kind were answered
// Any request may carry ?delay=MS: the answer waits that long (a slow source, for latency benchmarks).
// STANDIN_BATCHES=refuse in the environment: the node answers every JSON-RPC batch with HTTP 500.
// Usage: node upstreams.cjs PORT [PRICE]     Only for benchmarks and checks on 127.0.0.1.
'use strict';
const http = require('node:http');
const crypto = require('node:crypto');

const port = Number(process.argv[2] || 18080);
const price = process.argv[3] || '3412.15000000';
const ONE_CHUNK = 262144;
const pinned = new Map();
const counts = { ticker: 0, pin: 0, gateway: 0, sendTask: 0, rpcExchanges: 0, chainId: 0, other: 0 };

function varint(n) {
  const out = [];
  while (n > 0x7f) { out.push((n & 0x7f) | 0x80); n = Math.floor(n / 128); }
  out.push(n);
  return Buffer.from(out);
}

function field(tag, bytes) {
  return Buffer.concat([Buffer.from([tag]), varint(bytes.length), bytes]);
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58(bytes) {
  let n = BigInt('0x' + bytes.toString('hex'));
  let text = '';
  while (n > 0n) { text = BASE58[Number(n % 58n)] + text; n /= 58n; }
  for (const b of bytes) { if (b !== 0) break; text = '1' + text; }
  return text;
}

// CIDv0 of a one-chunk UnixFS file, as `ipfs add` makes it: dag-pb node { Data: UnixFS{Type: File, Data, filesize} }.
function cidV0(content) {
  const unixfs = Buffer.concat([Buffer.from([0x08, 0x02]), content.length ? field(0x12, content) : Buffer.alloc(0),
    Buffer.from([0x18]), varint(content.length)]);
  const node = field(0x0a, unixfs);
  const digest = crypto.createHash('sha256').update(node).digest();
  return base58(Buffer.concat([Buffer.from([0x12, 0x20]), digest]));
}

function answer(res, status, body) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function pin(req, res, body) {
  if (!req.headers['pinata_api_key'] && !req.headers['authorization']) {
    return answer(res, 401, { error: { reason: 'NO_KEYS', details: 'pinata_api_key or Authorization required' } });
  }
  let object;
  try { object = JSON.parse(body); } catch (e) { return answer(res, 400, { error: 'Invalid JSON' }); }
  const content = Buffer.from(JSON.stringify(object.pinataContent !== undefined ? object.pinataContent : object));
  if (content.length > ONE_CHUNK) return answer(res, 413, { error: 'this stand-in pins one chunk (256 KiB) at most' });
  const cid = cidV0(content);
  pinned.set(cid, content);
  counts.pin++;
  answer(res, 200, { IpfsHash: cid, PinSize: content.length, Timestamp: new Date().toISOString() });
}

function rpcAnswer(call) {
  if (call && call.method === 'sendTask') { counts.sendTask++; return { jsonrpc: '2.0', id: call.id, result: true }; }
  if (call && call.method === 'eth_chainId') { counts.chainId++; return { jsonrpc: '2.0', id: call.id, result: '0x7a69' }; }
  counts.other++;
  return { jsonrpc: '2.0', id: call && call.id !== undefined ? call.id : null, error: { code: -32601, message: 'Method not found' } };
}

// A single call, or a batch (ethers v6 sends its first calls as one), answered entry by entry as a node does.
// STANDIN_BATCHES=refuse: a batch gets HTTP 500, as from a server that cannot read arrays.
function jsonRpc(res, body) {
  counts.rpcExchanges++;
  let call;
  try { call = JSON.parse(body); } catch (e) { return answer(res, 200, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } }); }
  if (Array.isArray(call) && process.env.STANDIN_BATCHES === 'refuse') {
    counts.refusedBatches = (counts.refusedBatches || 0) + 1;
    return answer(res, 500, { error: 'this node takes no batches' });
  }
  answer(res, 200, Array.isArray(call) ? call.map(rpcAnswer) : rpcAnswer(call));
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url, 'http://127.0.0.1');
    const delay = Number(url.searchParams.get('delay') || 0);
    if (delay > 0) {
      url.searchParams.delete('delay');
      return setTimeout(() => route(req, res, body, url), Math.min(delay, 60000));
    }
    route(req, res, body, url);
  });
});

function route(req, res, body, url) {
  if (req.method === 'GET' && url.pathname.endsWith('/ticker/price')) {
    counts.ticker++;
    return answer(res, 200, { symbol: url.searchParams.get('symbol') || 'ETHUSDT', price });
  }
  if (req.method === 'POST' && url.pathname === '/pinning/pinJSONToIPFS') return pin(req, res, body);
  if (req.method === 'GET' && url.pathname.startsWith('/ipfs/')) {
    const content = pinned.get(url.pathname.slice('/ipfs/'.length));
    if (!content) return answer(res, 404, { error: 'not pinned here' });
    counts.gateway++;
    return answer(res, 200, content.toString('utf8'));
  }
  if (req.method === 'GET' && url.pathname === '/counts') return answer(res, 200, counts);
  if (req.method === 'POST' && url.pathname === '/') return jsonRpc(res, body);
  counts.other++;
  answer(res, 404, { error: 'no such route in the stand-in: ' + req.method + ' ' + url.pathname });
}
server.keepAliveTimeout = 60000;
server.listen(port, '127.0.0.1', () => console.log(`upstream stand-ins on http://127.0.0.1:${port}`));
