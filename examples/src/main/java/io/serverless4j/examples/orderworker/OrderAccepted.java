/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.examples.orderworker;

/**
 * The detail of the {@code OrderAccepted} event the worker publishes to EventBridge, once per order.
 *
 * @param orderId the order
 * @param customerId who ordered
 * @param itemCount the number of units over all lines
 * @param acceptedAt ISO-8601 instant
 */
public record OrderAccepted(String orderId, String customerId, int itemCount, String acceptedAt) {}
