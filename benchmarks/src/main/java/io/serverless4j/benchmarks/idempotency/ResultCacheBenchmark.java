/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.idempotency;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.serverless4j.idempotency.internal.ResultCache;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The local result cache: our synchronized LinkedHashMap LRU against Caffeine, side by side, on a lookup-then-fill
 * mix over 1,000 keys with a bound of 256 (so both hits and evictions happen). Run with {@code -t 1} (a Lambda
 * environment runs one invocation at a time) and {@code -t 8} (parallel batch processing).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@State(Scope.Benchmark)
public class ResultCacheBenchmark {

    private static final int KEYS = 1_000;
    private static final int BOUND = 256;

    private final String[] ids = new String[KEYS];
    private final Instant expiration = Instant.now().plusSeconds(3600);
    private ResultCache ours;
    private Cache<String, ResultCache.Entry> caffeine;

    @Setup
    public void setUp() {
        for (int i = 0; i < KEYS; i++) {
            ids[i] = "bench#" + String.format("%064x", i);
        }
        ours = new ResultCache(BOUND);
        caffeine = Caffeine.newBuilder().maximumSize(BOUND).build();
    }

    @Benchmark
    public ResultCache.Entry lookupOrFill_serverless4j() {
        String id = ids[ThreadLocalRandom.current().nextInt(KEYS)];
        Instant now = Instant.now();
        ResultCache.Entry entry = ours.get(id, now);
        if (entry == null) {
            entry = new ResultCache.Entry("{}", null, expiration);
            ours.put(id, entry);
        }
        return entry;
    }

    @Benchmark
    public ResultCache.Entry lookupOrFill_caffeine() {
        String id = ids[ThreadLocalRandom.current().nextInt(KEYS)];
        Instant now = Instant.now();
        ResultCache.Entry entry = caffeine.getIfPresent(id);
        if (entry != null && entry.expiration().getEpochSecond() < now.getEpochSecond()) {
            caffeine.invalidate(id);
            entry = null;
        }
        if (entry == null) {
            entry = new ResultCache.Entry("{}", null, expiration);
            caffeine.put(id, entry);
        }
        return entry;
    }
}
