/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.idempotency;

import io.serverless4j.idempotency.DynamoDbIdempotencyStore;
import io.serverless4j.idempotency.Idempotency;
import io.serverless4j.testing.LocalAws;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** dynalite, a table, and the handler the idempotency benchmarks wrap. */
final class LocalIdempotency implements AutoCloseable {

    /** What the benchmarked handler returns. */
    record Receipt(String orderId, int charged) {}

    /** What the benchmarked handler gets. */
    record Order(String orderId, int amount) {}

    private static final AtomicLong KEYS = new AtomicLong();

    final DynamoDbClient dynamoDb;
    final DynamoDbIdempotencyStore store;
    final String table;

    LocalIdempotency() {
        dynamoDb = LocalAws.dynamoDb().configure(DynamoDbClient.builder()).build();
        table = "bench-" + UUID.randomUUID();
        store = DynamoDbIdempotencyStore.builder().dynamoDbClient(dynamoDb).tableName(table).build();
        store.createTableIfNotExists();
    }

    Idempotency.Builder idempotency() {
        return Idempotency.builder().store(store).keyPrefix("bench");
    }

    /** A key no call has used. */
    static String newKey() {
        return "order-" + KEYS.incrementAndGet();
    }

    /** The bare handler: what a call costs without idempotency. */
    static Receipt handle(Order order) {
        return new Receipt(order.orderId(), order.amount());
    }

    @Override
    public void close() {
        dynamoDb.close();
    }
}
