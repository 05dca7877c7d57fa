#!/usr/bin/env node
// A task adapter (contract version 1) for the Execution Service, over HTTP: is a URL up?
// execute probes input.url and proves what it saw; validate probes it again, independently, and approves when the
// attester sees the same (up: any answer below 500; down: an error or a 5xx). Node's standard library only.
// Usage: node liveness.js [PORT]   (default 9100; listens on 127.0.0.1)
const http = require('node:http');

const port = Number(process.argv[2] || process.env.PORT || 9100);

async function probe(url, timeoutMs) {
  const started = Date.now();
  try {
    const response = await fetch(url, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    return { up: response.status < 500, status: response.status, latencyMs: Date.now() - started };
  } catch (error) {
    return { up: false, status: 0, error: String(error.cause?.code || error.name), latencyMs: Date.now() - started };
  }
}

function target(input, params) {
  if (!input || typeof input.url !== 'string' || !/^https?:\/\//.test(input.url)) {
    throw new Error('input must be {"url": "http(s)://…"}');
  }
  const allowed = params.allowedHosts;
  if (Array.isArray(allowed) && !allowed.includes(new URL(input.url).hostname)) {
    throw new Error(`host ${new URL(input.url).hostname} is not in params.allowedHosts`);
  }
  return input.url;
}

async function answer(request) {
  if (request.version !== 1) {
    return { error: { message: 'this adapter speaks contract version 1', retryable: false } };
  }
  const params = request.params || {};
  const timeoutMs = Number(params.probeTimeoutMs || 3000);
  const url = target(request.input, params);
  if (request.op === 'execute') {
    const seen = await probe(url, timeoutMs);
    return { data: { utf8: seen.up ? 'up' : 'down' }, proof: { url, checkedAt: new Date().toISOString(), ...seen } };
  }
  if (request.op === 'validate') {
    const claimed = Buffer.from(String(request.data || '0x').slice(2), 'hex').toString('utf8');
    const proof = request.proof || {};
    if (proof.url !== url || claimed !== (proof.up ? 'up' : 'down')) {
      return { valid: false, reason: `data "${claimed}" and proof (${JSON.stringify(proof).slice(0, 120)}) do not agree` };
    }
    const seen = await probe(url, timeoutMs);
    return seen.up === proof.up
      ? { valid: true, reason: `${url} is ${claimed} here too (HTTP ${seen.status})` }
      : { valid: false, reason: `${url} was proved ${claimed} but is ${seen.up ? 'up' : 'down'} here (HTTP ${seen.status})` };
  }
  return { error: { message: `unknown op ${request.op}`, retryable: false } };
}

http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', async () => {
    let reply;
    try {
      reply = await answer(JSON.parse(body));
    } catch (error) {
      reply = { error: { message: error.message, retryable: false } };
    }
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(reply));
  });
}).listen(port, '127.0.0.1', () => console.error(`liveness adapter on http://127.0.0.1:${port}/`));
