/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

/**
 * Hears every retry decision of a {@link RetryPolicy}: to count retries and deadline stops, or log them. Called on
 * the thread that makes the call, before the wait; it must be quick and thread-safe, and what it throws is logged
 * and ignored (a listener never changes a call's outcome).
 */
@FunctionalInterface
public interface RetryListener {

    /**
     * One decision.
     *
     * @param event what was decided
     */
    void onEvent(RetryEvent event);
}
