// Records sensor-ingest v1.7.3 consuming the cold-chain readings queue for half an hour: SQS
// delivers batches of up to 10 records; each record that fails is reported on its own (the
// function answers with batchItemFailures). Refrigerated trailers on the new LoRa bridge cannot
// set message attributes; trailers updated to firmware 3.2 send their location as an object.
// The Lambda metrics extension (@tinyhub/lambda-metrics, loaded by the runtime, not by this
// code) crashes a few times on its flush; it is written to a temporary node_modules and run for
// real. Queue events carry no request.
//
//   node .eval/record.mjs

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRecording } from '../../../tools/recorder.mjs';

const require = createRequire(import.meta.url);
const { createHandler } = require('../src/handler.js');

const rec = createRecording({
  appRoot: fileURLToPath(new URL('../', import.meta.url)),
  deployRoot: '/var/task/',
  release: 'sensor-ingest@1.7.3',
  origin: 'https://unused.invalid',
  start: '2026-11-18T11:00:00Z',
  seed: 0x5e4502,
  tags: { function: 'sensor-ingest', queue: 'coldchain-readings', aws_region: 'eu-north-1' },
});
const { rand } = rec;

rec.expect('bridge-without-firmware-attribute', { type: 'TypeError', message: /^Cannot read properties of undefined \(reading 'stringValue'\)$/ });
rec.expect('location-object', { type: 'TypeError', message: /^object is not iterable \(cannot read property Symbol\(Symbol\.iterator\)\)$/ });
rec.expect('metrics-extension-crash', { type: 'TypeError', message: /^Cannot read properties of undefined \(reading 'join'\)$/ });

const DIRECT = [['cc-0141', '3.1.0'], ['cc-0007', '2.9.0'], ['cc-0152', '3.1.0'], ['cc-0188', '3.1.0'], ['cc-0190', '3.2.0'], ['cc-0033', '2.9.0'], ['cc-0101', '3.1.0']];
const BRIDGED = [['lb-7001', '2.4.1'], ['lb-7002', '2.4.1'], ['lb-7009', '2.4.3']];
const start = Date.parse('2026-11-18T11:00:00Z');
let sequence = 0;

function record(device, at, via) {
  const [deviceId, firmware] = device;
  const lat = Number((55.6 + rand.next() / 5).toFixed(4));
  const lon = Number((12.5 + rand.next() / 5).toFixed(4));
  const modern = firmware.startsWith('3.');
  const t = modern ? Number((2 + rand.next() * 5).toFixed(1)) : rand.int(20, 70);
  const body = { ts: Math.floor(at / 1000) - rand.int(5, 40), t, h: rand.int(40, 90), location: firmware === '3.2.0' ? { lat, lon } : [lat, lon] };
  if (via === 'bridge') Object.assign(body, { dev: deviceId, fw: firmware });
  const messageAttributes = via === 'bridge' ? {} : { deviceId: { stringValue: deviceId, stringListValues: [], binaryListValues: [], dataType: 'String' }, firmware: { stringValue: firmware, stringListValues: [], binaryListValues: [], dataType: 'String' } };
  sequence += 1;
  return {
    messageId: `${rand.hex(8)}-${rand.hex(4)}-4${rand.hex(3)}-a${rand.hex(3)}-${rand.hex(12)}`,
    receiptHandle: `AQEB${rand.hex(40)}`,
    body: JSON.stringify(body),
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(at - 900), SenderId: 'AROAXYZ:iot-rule', ApproximateFirstReceiveTimestamp: String(at - 300) },
    messageAttributes,
    md5OfBody: rand.hex(32),
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-north-1:518830221047:coldchain-readings',
    awsRegion: 'eu-north-1',
  };
}

// One batch every ~75 s; failing records become planned items in their batch.
const batches = [];
for (let at = start + 5_000; at < start + 29 * 60_000; at += rand.int(60_000, 90_000)) {
  const records = [];
  const size = rand.int(3, 10);
  for (let i = 0; i < size; i += 1) {
    const bridged = rand.chance(0.07);
    const device = bridged ? rand.pick(BRIDGED) : rand.pick(DIRECT);
    const r = record(device, at, bridged ? 'bridge' : 'direct');
    records.push(r);
    const kind = bridged ? 'bridge-without-firmware-attribute' : device[1] === '3.2.0' ? 'location-object' : null;
    if (kind) rec.add({ kind, at: at + records.length, batch: batches.length, messageId: r.messageId });
  }
  batches.push({ at, records });
}
for (let i = 0; i < 3; i += 1) rec.add({ kind: 'metrics-extension-crash', at: rec.at(4 + i * 9, 8 + i * 9) + 7, label: 'metrics extension' });

const METRICS = `// @tinyhub/lambda-metrics 0.8.4: buffers EMF metrics and flushes them when the sandbox freezes.
export function createMetrics({ namespace, onError }) {
  const state = { namespace, entries: [], dimensions: ['function'] };
  return {
    put(name, value) {
      state.entries.push({ name, value });
    },
    reset() {
      state.entries = [];
      state.dimensions = undefined;
    },
    flushSoon() {
      setImmediate(() => {
        try {
          write(state);
        } catch (error) {
          onError(error);
        }
      });
    },
  };
}

function write(state) {
  const line = { _aws: { CloudWatchMetrics: [{ Namespace: state.namespace, Dimensions: [state.dimensions.join(',')] }] } };
  for (const entry of state.entries) line[entry.name] = entry.value;
  return JSON.stringify(line);
}
`;
const metricsDir = await rec.vendorPackage('@tinyhub/lambda-metrics', {
  'package.json': JSON.stringify({ name: '@tinyhub/lambda-metrics', version: '0.8.4', type: 'module', main: 'index.mjs' }),
  'index.mjs': METRICS,
});
const { createMetrics } = await import(pathToFileURL(join(metricsDir, 'index.mjs')).href);

function crashMetrics() {
  return new Promise((resolve) => {
    const metrics = createMetrics({ namespace: 'ColdChain', onError: resolve });
    metrics.put('RecordsProcessed', 7);
    metrics.flushSoon();
    metrics.reset();
  });
}

let reported = new Map();
const handler = createHandler({ report: (error, r) => reported.set(r.messageId, error) });
const failuresByBatch = new Map();
let next = 0;

async function invokeThrough(at) {
  while (next < batches.length && batches[next].at <= at) {
    reported = new Map();
    const planned = new Set(rec.items.filter((item) => item.batch === next).map((item) => item.messageId));
    await handler({ Records: batches[next].records });
    for (const messageId of reported.keys()) {
      if (!planned.has(messageId)) throw new Error(`record ${messageId} of batch ${next} failed unplanned: ${reported.get(messageId).stack}`);
    }
    failuresByBatch.set(next, reported);
    next += 1;
  }
}

await rec.run(async (item) => {
  if (item.kind === 'metrics-extension-crash') return { error: await crashMetrics() };
  await invokeThrough(item.at);
  return { error: failuresByBatch.get(item.batch).get(item.messageId) ?? null };
});
await invokeThrough(Infinity);
await rec.write();
