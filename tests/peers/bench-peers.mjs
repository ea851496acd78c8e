// bench-peers.mjs
//
// Copyright 2026 The Lectern authors
//
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Measures the filter engines Lectern compares itself with, on the same
// lists and recorded requests as tests/bench-filter.c and the same way:
// each decision is timed on its own, from the raw URL strings.
//
//   node --expose-gc tests/peers/bench-peers.mjs --lists A.txt:B.txt \
//        --requests FILE.jsonl [--passes N] [--psl FILE] [--explain NAME]
//
// Prints one JSON object: {"ghostery": {...}, "ubo": {...}} with the keys
// bench-filter prints (build_ms, cache_write_ms, cache_load_ms, median_ns,
// p99_ns, mean_ns, memory_bytes, requests, blocked).
//
// @gorhill/ubo-core 0.1.30 has two faults worked around here: its bundled
// public suffix list does not load (it is handed the system's), and
// loading lists into an engine again leaks the old ones (each engine is
// made once per process).

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    lists: { type: 'string' },
    requests: { type: 'string' },
    passes: { type: 'string', default: '5' },
    psl: { type: 'string', default: '/usr/share/publicsuffix/public_suffix_list.dat' },
    explain: { type: 'string' },
  },
});

if (!args.lists || !args.requests) {
  console.error('Usage: bench-peers.mjs --lists A.txt:B.txt --requests FILE.jsonl [--passes N] [--psl FILE]');
  process.exit(1);
}

const passes = Math.max(1, parseInt(args.passes, 10) || 5);
const lists = args.lists.split(':').map((path) => ({ name: path, raw: readFileSync(path, 'utf8') }));

function typeForCpt(cpt) {
  switch (cpt) {
    case 'document': return 'subdocument';
    case 'xhr':
    case 'fetch': return 'xmlhttprequest';
    case 'script': case 'image': case 'stylesheet': case 'font': case 'media':
    case 'websocket': case 'ping': case 'object': case 'subdocument':
    case 'xmlhttprequest': case 'other':
      return cpt;
    default: return 'other';
  }
}

const webUrl = /^(https?|wss?):\/\//;
const requests = [];
for (const line of readFileSync(args.requests, 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  let r;
  try { r = JSON.parse(line); } catch { continue; }
  if (typeof r.url !== 'string' || typeof r.frameUrl !== 'string') continue;
  if (!webUrl.test(r.url) || !webUrl.test(r.frameUrl)) continue;
  requests.push({ url: r.url, frameUrl: r.frameUrl, type: typeForCpt(r.cpt) });
}

function gc() {
  if (globalThis.gc) { globalThis.gc(); globalThis.gc(); }
}

function heap() {
  gc();
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
}

function ms(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// Times each decision of `decide` over every request, `passes` times after
// one warm-up pass that counts the blocked requests.
function measure(name, decide) {
  const samples = new Float64Array(requests.length * passes);
  let n = 0;
  let blocked = 0;
  for (let pass = 0; pass <= passes; pass++) {
    for (const r of requests) {
      const start = process.hrtime.bigint();
      const isBlocked = decide(r);
      const elapsed = Number(process.hrtime.bigint() - start);
      if (pass === 0) {
        if (isBlocked) {
          blocked++;
          if (args.explain === name) console.error(`blocked ${r.url} (${r.type}, page ${r.frameUrl})`);
        }
        continue;
      }
      samples[n++] = elapsed;
    }
  }
  samples.sort();
  let total = 0;
  for (const s of samples) total += s;
  return {
    median_ns: Math.round(samples[Math.floor(n / 2)]),
    p99_ns: Math.round(samples[Math.floor(n * 99 / 100)]),
    mean_ns: Math.round(total / n),
    requests: requests.length,
    blocked,
  };
}

async function benchGhostery() {
  const { FiltersEngine, Request } = await import('@ghostery/adblocker');
  const text = lists.map((l) => l.raw).join('\n');
  const before = heap();

  let start = process.hrtime.bigint();
  let built = FiltersEngine.parse(text);
  const build_ms = ms(start);

  start = process.hrtime.bigint();
  let serialized = built.serialize();
  const cache_write_ms = ms(start);
  built = null;

  start = process.hrtime.bigint();
  const engine = FiltersEngine.deserialize(serialized);
  const cache_load_ms = ms(start);
  serialized = null;
  // What stays after the build and the copy are gone: the loaded engine.
  const memory_bytes = Math.max(0, heap() - before);

  const types = { subdocument: 'sub_frame', document: 'main_frame', xmlhttprequest: 'xhr' };
  const result = measure('ghostery', (r) => {
    const { match, redirect } = engine.match(Request.fromRawDetails({
      url: r.url, sourceUrl: r.frameUrl, type: types[r.type] || r.type,
    }));
    return match || redirect !== undefined;
  });
  return { build_ms, cache_write_ms, cache_load_ms, memory_bytes, ...result };
}

async function benchUbo() {
  const { StaticNetFilteringEngine, pslInit } = await import('@gorhill/ubo-core');

  if (!pslInit(readFileSync(args.psl, 'utf8'))) throw new Error(`cannot read ${args.psl}`);
  const before = heap();

  let start = process.hrtime.bigint();
  const built = await StaticNetFilteringEngine.create({ noPSL: true });
  await built.useLists(lists);
  const build_ms = ms(start);

  start = process.hrtime.bigint();
  let serialized = await built.serialize();
  const cache_write_ms = ms(start);
  await StaticNetFilteringEngine.release();

  start = process.hrtime.bigint();
  const engine = await StaticNetFilteringEngine.create({ noPSL: true });
  await engine.deserialize(serialized);
  const cache_load_ms = ms(start);
  serialized = null;
  const memory_bytes = Math.max(0, heap() - before);

  const types = { subdocument: 'sub_frame', document: 'main_frame' };
  const result = measure('ubo', (r) => engine.matchRequest({
    originURL: r.frameUrl, url: r.url, type: types[r.type] || r.type,
  }) === 1);
  return { build_ms, cache_write_ms, cache_load_ms, memory_bytes, ...result };
}

const out = {};
for (const [name, bench] of [['ghostery', benchGhostery], ['ubo', benchUbo]]) {
  try {
    out[name] = await bench();
  } catch (error) {
    out[name] = { error: String(error && error.message || error) };
  }
}
console.log(JSON.stringify(out));
