/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.coldstart;

import java.util.List;

/**
 * The answer to {@code POST /orders}: 201 the first time, 200 with the same body for a repeat with the same
 * {@code Idempotency-Key}. It is also what the idempotency store keeps, so it must round-trip through JSON.
 *
 * @param orderId the new order's id
 * @param customerId who ordered
 * @param items the order lines
 * @param status always {@code PENDING}: the order worker accepts it later
 * @param createdAt ISO-8601 instant
 */
public record OrderCreated(String orderId, String customerId, List<CreateOrderRequest.Item> items, String status,
        String createdAt) {

    /** Copies the list. */
    public OrderCreated {
        items = List.copyOf(items);
    }
}
