/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.benchmarks.coldstart;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /orders}. Parsed leniently (missing fields are null) and then checked by
 * {@link #problems()}, so that a client gets every problem at once instead of one per attempt.
 *
 * @param customerId who orders; required
 * @param items what is ordered; 1 to {@value #MAX_ITEMS} lines
 */
public record CreateOrderRequest(String customerId, List<Item> items) {

    /** The most lines one order may have. */
    public static final int MAX_ITEMS = 50;

    /**
     * One order line.
     *
     * @param sku the product; required
     * @param quantity 1 to 1000; required
     */
    public record Item(String sku, Integer quantity) {}

    /**
     * Lists what is wrong with this request, as JSON paths with a reason.
     *
     * @return the problems; empty when the request is valid
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (customerId == null || customerId.isBlank()) {
            problems.add("customerId: required");
        }
        if (items == null || items.isEmpty()) {
            problems.add("items: at least one item is required");
            return problems;
        }
        if (items.size() > MAX_ITEMS) {
            problems.add("items: at most " + MAX_ITEMS + " items, found " + items.size());
        }
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item == null) {
                problems.add("items[" + i + "]: must be an object");
                continue;
            }
            if (item.sku() == null || item.sku().isBlank()) {
                problems.add("items[" + i + "].sku: required");
            }
            if (item.quantity() == null) {
                problems.add("items[" + i + "].quantity: required");
            } else if (item.quantity() < 1 || item.quantity() > 1000) {
                problems.add("items[" + i + "].quantity: must be 1 to 1000, was " + item.quantity());
            }
        }
        return problems;
    }
}
