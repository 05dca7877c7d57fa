// Compiles TriggerFixture.sol with the npm solc package and writes its creation bytecode to TriggerFixture.bin.
// Run once when the contract changes: npm install solc@0.8.28 && node compile.cjs (the .bin is committed).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const solc = require('solc');

const source = fs.readFileSync(path.join(__dirname, 'TriggerFixture.sol'), 'utf8');
const input = {
  language: 'Solidity',
  sources: { 'TriggerFixture.sol': { content: source } },
  settings: { optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['evm.bytecode.object'] } } },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
if (errors.length) {
  errors.forEach((e) => console.error(e.formattedMessage));
  process.exit(1);
}
const bytecode = output.contracts['TriggerFixture.sol'].TriggerFixture.evm.bytecode.object;
fs.writeFileSync(path.join(__dirname, 'TriggerFixture.bin'), '0x' + bytecode + '\n');
console.log('TriggerFixture.bin: ' + bytecode.length / 2 + ' bytes, solc ' + solc.version());
