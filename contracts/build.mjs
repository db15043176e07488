#!/usr/bin/env node
// Compiles every contracts/*.sol with the solc-js pinned in devnet/ and writes contracts/artifacts/<Contract>.json.
//
//   node contracts/build.mjs          write the artifacts
//   node contracts/build.mjs --check  compile and compare with the committed artifacts; exit 1 naming each stale file
//
// Output is deterministic: sorted keys, two-space indentation, a trailing newline.
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const artifactsDir = join(here, 'artifacts');
const check = process.argv.includes('--check');

const require = createRequire(import.meta.url);
const solcPath = process.env.MEDIBLOC_SOLC ?? join(root, 'devnet', 'node_modules', 'solc');
let solc;
try {
  solc = require(solcPath);
} catch (e) {
  console.error(`solc-js not found at ${solcPath}: run "npm install --no-audit --no-fund" in devnet/ first. (${e.message})`);
  process.exit(2);
}

const settings = {
  evmVersion: 'prague',
  optimizer: { enabled: true, runs: 200 },
};

const sources = {};
for (const file of readdirSync(here).filter((f) => f.endsWith('.sol')).sort()) {
  sources[file] = { content: readFileSync(join(here, file), 'utf8') };
}

const input = {
  language: 'Solidity',
  sources,
  settings: {
    ...settings,
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
for (const e of output.errors ?? []) {
  console.error(e.formattedMessage ?? e.message);
}
if (errors.length > 0) {
  process.exit(2);
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
  }
  return value;
}

const fresh = new Map();
for (const sourceName of Object.keys(output.contracts ?? {}).sort()) {
  for (const contractName of Object.keys(output.contracts[sourceName]).sort()) {
    const c = output.contracts[sourceName][contractName];
    // Interfaces and abstract contracts have no bytecode: nothing to deploy, so no artifact.
    if (c.evm.bytecode.object === '') continue;
    const artifact = sortKeys({
      abi: c.abi,
      bytecode: '0x' + c.evm.bytecode.object,
      compiler: { name: 'solc-js', version: solc.version() },
      contractName,
      deployedBytecode: '0x' + c.evm.deployedBytecode.object,
      settings,
      sourceName,
    });
    fresh.set(`${contractName}.json`, JSON.stringify(artifact, null, 2) + '\n');
  }
}

if (check) {
  const stale = [];
  for (const [file, text] of fresh) {
    const path = join(artifactsDir, file);
    if (!existsSync(path)) stale.push(`${file} (missing)`);
    else if (readFileSync(path, 'utf8') !== text) stale.push(`${file} (differs from a fresh compile)`);
  }
  if (existsSync(artifactsDir)) {
    for (const file of readdirSync(artifactsDir).filter((f) => f.endsWith('.json'))) {
      if (!fresh.has(file)) stale.push(`${file} (no contract of that name in contracts/*.sol)`);
    }
  }
  if (stale.length > 0) {
    console.error('Stale contract artifacts; run "node contracts/build.mjs" and commit the result:');
    for (const s of stale) console.error(`  contracts/artifacts/${s}`);
    process.exit(1);
  }
  console.log(`contracts/artifacts: ${fresh.size} artifact(s) up to date (solc ${solc.version()}).`);
} else {
  mkdirSync(artifactsDir, { recursive: true });
  for (const [file, text] of fresh) {
    writeFileSync(join(artifactsDir, file), text);
    console.log(`wrote contracts/artifacts/${file}`);
  }
}
