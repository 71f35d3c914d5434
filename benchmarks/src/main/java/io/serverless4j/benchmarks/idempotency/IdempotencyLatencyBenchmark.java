/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.idempotency;

import io.serverless4j.benchmarks.idempotency.LocalIdempotency.Order;
import io.serverless4j.benchmarks.idempotency.LocalIdempotency.Receipt;
import io.serverless4j.idempotency.Idempotency;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Latency per invocation, one thread, against dynalite on loopback: the bare handler, the same handler through
 * {@link Idempotency} on a first call (PutItem + UpdateItem), a repeat from another environment (PutItem refused +
 * GetItem on dynalite), a local cache hit (no call), and one raw PutItem as the emulator's round-trip reference.
 * Added latency of a first call = {@code firstCall - bareHandler}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@State(Scope.Benchmark)
public class IdempotencyLatencyBenchmark {

    private LocalIdempotency local;
    private Idempotency noCache;
    private Idempotency cached;
    private final Order repeated = new Order("order-repeated", 42);

    @Setup(Level.Trial)
    public void setUp() {
        local = new LocalIdempotency();
        noCache = local.idempotency().localCacheMaxEntries(0).build();
        cached = local.idempotency().build();
        noCache.execute(repeated.orderId(), repeated, null, Receipt.class, () -> LocalIdempotency.handle(repeated));
        cached.execute(repeated.orderId(), repeated, null, Receipt.class, () -> LocalIdempotency.handle(repeated));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        local.close();
    }

    @Benchmark
    public Receipt bareHandler() {
        return LocalIdempotency.handle(new Order(LocalIdempotency.newKey(), 42));
    }

    @Benchmark
    public Receipt firstCall() {
        Order order = new Order(LocalIdempotency.newKey(), 42);
        return noCache.execute(order.orderId(), order, null, Receipt.class, () -> LocalIdempotency.handle(order));
    }

    @Benchmark
    public Receipt repeatCall() {
        return noCache.execute(repeated.orderId(), repeated, null, Receipt.class,
                () -> LocalIdempotency.handle(repeated));
    }

    @Benchmark
    public Receipt cacheHit() {
        return cached.execute(repeated.orderId(), repeated, null, Receipt.class,
                () -> LocalIdempotency.handle(repeated));
    }

    @Benchmark
    public Object rawPutItem() {
        return local.dynamoDb.putItem(b -> b.tableName(local.table)
                .item(Map.of("id", AttributeValue.fromS(LocalIdempotency.newKey()))));
    }
}
