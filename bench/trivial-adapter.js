// The cheapest HTTP adapter there is, for bench/load.sh BENCH_TASK=http-adapter: it answers every execute with the
// same small data and proof, and every validate with true. What it measures is the service's cost of the adapter
// path, not any task logic. Usage: node trivial-adapter.js PORT
const http = require('node:http');
const answer = JSON.stringify({ data: '0x2a', proof: { trivial: true } });
const valid = JSON.stringify({ valid: true, reason: 'trivial' });
http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(body.includes('"op":"validate"') ? valid : answer);
  });
}).listen(Number(process.argv[2]), '127.0.0.1');
