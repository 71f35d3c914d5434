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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Records per second with 8 threads against dynalite: each operation is a first call with a new key (PutItem +
 * UpdateItem), as in a batch of distinct messages processed in parallel; one raw PutItem per operation is the
 * emulator's ceiling for comparison.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Threads(8)
@State(Scope.Benchmark)
public class IdempotencyThroughputBenchmark {

    private LocalIdempotency local;
    private Idempotency idempotency;

    @Setup(Level.Trial)
    public void setUp() {
        local = new LocalIdempotency();
        idempotency = local.idempotency().build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        local.close();
    }

    @Benchmark
    public Receipt recordsPerSecond() {
        Order order = new Order(LocalIdempotency.newKey(), 42);
        return idempotency.execute(order.orderId(), order, null, Receipt.class, () -> LocalIdempotency.handle(order));
    }

    @Benchmark
    public Object rawPutItemsPerSecond() {
        return local.dynamoDb.putItem(b -> b.tableName(local.table)
                .item(Map.of("id", AttributeValue.fromS(LocalIdempotency.newKey()))));
    }
}
