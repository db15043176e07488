// Compiles Registry.sol with the devnet's solc-js for the Prague EVM (the embedded chain cannot run Osaka).
// Usage (from the repository root): node tests/MediBloc.Sdk.EmbeddedChain.Tests/TestContracts/compile.js
const fs = require('fs');
const path = require('path');
const solc = require(path.join(__dirname, '../../../devnet/node_modules/solc'));
const source = fs.readFileSync(path.join(__dirname, 'Registry.sol'), 'utf8');
const input = {
  language: 'Solidity',
  sources: { 'Registry.sol': { content: source } },
  settings: {
    evmVersion: 'prague',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter(e => e.severity === 'error');
if (errors.length) { console.error(errors.map(e => e.formattedMessage).join('\n')); process.exit(1); }
const c = output.contracts['Registry.sol'];
const artifact = {
  compiler: 'solc ' + solc.version(),
  evmVersion: 'prague',
  abi: c.Registry.abi,
  bytecode: '0x' + c.Registry.evm.bytecode.object,
};
fs.writeFileSync(path.join(__dirname, 'Registry.json'), JSON.stringify(artifact, null, 2) + '\n');
console.log('wrote Registry.json with', artifact.compiler);
