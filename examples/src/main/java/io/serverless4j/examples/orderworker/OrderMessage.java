/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.examples.orderworker;

import java.util.List;

/**
 * An order waiting to be accepted: the body of a message on the orders queue.
 *
 * @param orderId the order; the idempotency key, so a message sent twice or redelivered is accepted once
 * @param customerId who ordered
 * @param items the order lines
 */
public record OrderMessage(String orderId, String customerId, List<Item> items) {

    /**
     * One order line.
     *
     * @param sku the product
     * @param quantity how many
     */
    public record Item(String sku, Integer quantity) {}

    /**
     * Checks the fields a worker needs.
     *
     * @throws IllegalArgumentException naming the first missing field: such a message fails on every delivery and
     *     ends in the DLQ
     */
    void validate() {
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("orderId is required");
        }
        if (customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("order " + orderId + ": customerId is required");
        }
        if (items == null || items.isEmpty()) {
            throw new IllegalArgumentException("order " + orderId + ": at least one item is required");
        }
    }
}
