// An external performer written the way most are: ethers v6's JsonRpcProvider talking to the devnet's aggregator.
// Usage: node ethers-devnet-client.cjs AGGREGATOR_URL PRIVATE_KEY PROOF_CID PRICE
// Prints one JSON line: what the provider detected, what each call answered, and the shape of every HTTP request
// it sent (a method name, or an array of them for a batch).
const { ethers, FetchRequest } = require('ethers');

const [url, key, proof, price] = process.argv.slice(2);
setTimeout(() => { console.error('timed out: the provider never got its answers'); process.exit(2); }, 30000).unref();

(async () => {
  const requests = [];
  const request = new FetchRequest(url);
  request.preflightFunc = async (req) => {
    const body = JSON.parse(Buffer.from(req.body).toString('utf8'));
    requests.push(Array.isArray(body) ? body.map((call) => call.method) : body.method);
    return req;
  };
  const provider = new ethers.JsonRpcProvider(request);
  const network = await provider.getNetwork();

  const wallet = new ethers.Wallet(key);
  const data = ethers.hexlify(ethers.toUtf8Bytes(price));
  const message = ethers.AbiCoder.defaultAbiCoder().encode(['string', 'bytes', 'address', 'uint16'], [proof, data, wallet.address, 0]);
  const signature = wallet.signingKey.sign(ethers.keccak256(message)).serialized;
  const sendTask = await provider.send('sendTask', [proof, data, 0, wallet.address, signature]);
  const customMessage = await provider.send('sendCustomMessage', [ethers.hexlify(ethers.toUtf8Bytes('hello from ethers')), 0]);
  // calls pending together go out as one JSON-RPC batch
  const together = await Promise.all([
    provider.send('net_version', []),
    provider.send('eth_chainId', []),
    provider.send('sendCustomMessage', ['0x01', 0]),
  ]);
  console.log(JSON.stringify({ chainId: network.chainId.toString(), sendTask, customMessage, together, requests }));
  provider.destroy();
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
