/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
'use strict';

// sharp (libvips) side of ThumbnailBenchmark: the same thumbnail as our Thumbnailer (EXIF auto-orient, inside a
// 256x256 box, Lanczos 3, JPEG quality 85), timed from bytes already in memory.
//
//   node thumb.js --runs N --out DIR [--warmup 3] [--concurrency 1,0] INPUT...
//
// --concurrency lists libvips thread counts to run with, 0 meaning one per core.
//
// Prints one JSON line per input and concurrency: {input, concurrency, threads, runs, medianMs, minMs, maxMs,
// peakRssMb, baselineRssMb, width, height, jpegBytes, png, sharp, libvips}.
//
// Each (input, concurrency) pair runs in a fresh child process (this script again, with --child), so that its
// peakRssMb (process.resourceUsage().maxRSS, a high-water mark that never goes down) is that input's alone and not
// the largest input's seen so far in a long-lived process. baselineRssMb is the same figure after loading sharp and
// before reading the input: Node and libvips themselves.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function parseArgs(argv) {
  const options = { runs: 10, warmup: 3, out: null, concurrency: [1, 0], child: false, inputs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--runs') {
      options.runs = Number.parseInt(argv[++i], 10);
    } else if (arg === '--warmup') {
      options.warmup = Number.parseInt(argv[++i], 10);
    } else if (arg === '--out') {
      options.out = argv[++i];
    } else if (arg === '--concurrency') {
      options.concurrency = argv[++i].split(',').map((value) => Number.parseInt(value, 10));
    } else if (arg === '--child') {
      options.child = true;
    } else {
      options.inputs.push(arg);
    }
  }
  if (!(options.runs > 0) || !(options.warmup >= 0) || !options.out || options.inputs.length === 0
      || options.concurrency.some((value) => !(value >= 0))) {
    throw new Error('usage: node thumb.js --runs N --out DIR [--warmup W] [--concurrency 1,0] INPUT...');
  }
  return options;
}

function megabytes(maxRssKilobytes) {
  return Math.round(maxRssKilobytes / 1024 * 10) / 10;
}

// The parent: one fresh child per input and concurrency, its JSON line passed on.
function runChildren(options) {
  for (const input of options.inputs) {
    for (const concurrency of options.concurrency) {
      const child = spawnSync(process.execPath, [__filename, '--child', '--runs', String(options.runs),
        '--warmup', String(options.warmup), '--out', options.out, '--concurrency', String(concurrency), input],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      if (child.status !== 0) {
        throw new Error(`sharp failed on ${input} (concurrency ${concurrency}), exit ${child.status}`
          + (child.error ? `: ${child.error.message}` : ''));
      }
      process.stdout.write(child.stdout);
    }
  }
}

async function runOne(options) {
  const sharp = require('sharp');
  // Our decoder is single-threaded: concurrency 1 keeps libvips to one worker thread for a like-for-like figure.
  // 0 asks for all cores, spelled out as a count: sharp.concurrency(0) is documented to reset to the core count,
  // but with sharp 0.35.5 on glibc Linux it returns 1 here. (1 is also sharp's own default on glibc Linux without
  // jemalloc, to limit memory fragmentation.)
  sharp.concurrency(options.concurrency[0] === 0 ? os.availableParallelism() : options.concurrency[0]);
  // No libvips operation cache: every run decodes and resizes again, as ours does, instead of reusing the
  // previous run's results for the same input.
  sharp.cache(false);
  const baselineRssMb = megabytes(process.resourceUsage().maxRSS);

  const input = options.inputs[0];
  const bytes = fs.readFileSync(input); // read once, outside the timing
  const thumbnail = (format) => {
    const pipeline = sharp(bytes).rotate() // rotate() without an angle: EXIF auto-orient
      .resize(256, 256, { fit: 'inside', kernel: 'lanczos3' });
    return (format === 'png' ? pipeline.png() : pipeline.jpeg({ quality: 85 })).toBuffer({ resolveWithObject: true });
  };

  for (let i = 0; i < options.warmup; i++) {
    await thumbnail('jpeg');
  }
  const times = [];
  let last;
  for (let i = 0; i < options.runs; i++) {
    const start = process.hrtime.bigint();
    last = await thumbnail('jpeg');
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const peakRssMb = megabytes(process.resourceUsage().maxRSS);
  times.sort((a, b) => a - b);

  // Written after the peak is read. The PNG is for SSIM, as the Java side compares PNG thumbnails (no JPEG loss).
  const name = path.basename(input);
  fs.mkdirSync(options.out, { recursive: true });
  fs.writeFileSync(path.join(options.out, `${name}.sharp.jpg`), last.data);
  const png = path.join(options.out, `${name}.sharp.png`);
  fs.writeFileSync(png, (await thumbnail('png')).data);

  console.log(JSON.stringify({
    input: name,
    concurrency: options.concurrency[0],
    threads: sharp.concurrency(),
    runs: options.runs,
    medianMs: times[Math.floor(times.length / 2)],
    minMs: times[0],
    maxMs: times[times.length - 1],
    peakRssMb,
    baselineRssMb,
    width: last.info.width,
    height: last.info.height,
    jpegBytes: last.data.length,
    png: path.resolve(png),
    sharp: sharp.versions.sharp,
    libvips: sharp.versions.vips,
  }));
}

const options = parseArgs(process.argv.slice(2));
if (options.child) {
  runOne(options).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  try {
    runChildren(options);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
