// Preloaded into the reference service (node -r): its HTTPS calls to Binance and Pinata go to the loopback
// stand-ins at UPSTREAMS (http://127.0.0.1:PORT) instead, so the reference runs unmodified and offline.
'use strict';
const http = require('node:http');
const https = require('node:https');

const target = new URL(process.env.UPSTREAMS || 'http://127.0.0.1:18080');
const redirected = new Set(['api.binance.com', 'api.binance.us', 'api.pinata.cloud']);
const agent = new http.Agent({ keepAlive: true });

function rewrite(options) {
  const host = options.hostname || options.host;
  if (!redirected.has(String(host).replace(/:\d+$/, ''))) return null;
  const copy = { ...options, protocol: 'http:', hostname: target.hostname, host: target.hostname, port: target.port, agent };
  delete copy.servername;
  return copy;
}

for (const name of ['request', 'get']) {
  const original = https[name];
  https[name] = function (input, options, callback) {
    let opts = input;
    if (typeof input === 'string' || input instanceof URL) {
      const url = new URL(input);
      opts = { protocol: url.protocol, hostname: url.hostname, port: url.port, path: url.pathname + url.search,
        ...(typeof options === 'object' ? options : {}) };
      if (typeof options === 'function') callback = options;
    } else if (typeof options === 'function') {
      callback = options;
    }
    const local = rewrite(opts);
    if (!local) return original.apply(https, arguments);
    return http[name](local, callback);
  };
}
