/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.idempotency;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.serverless4j.idempotency.internal.ResultCache;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the cache costs on a cold start: creating it and the first put and get in a fresh JVM (class loading and
 * initialisation included), one shot per fork.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(10)
public class ResultCacheColdStartBenchmark {

    @Benchmark
    public Object firstUse_serverless4j() {
        ResultCache cache = new ResultCache(256);
        cache.put("k", new ResultCache.Entry("{}", null, Instant.MAX));
        return cache.get("k", Instant.EPOCH);
    }

    @Benchmark
    public Object firstUse_caffeine() {
        Cache<String, ResultCache.Entry> cache = Caffeine.newBuilder().maximumSize(256).build();
        cache.put("k", new ResultCache.Entry("{}", null, Instant.MAX));
        return cache.getIfPresent("k");
    }
}
