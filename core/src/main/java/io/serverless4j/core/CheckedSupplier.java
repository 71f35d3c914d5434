/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.core;

/**
 * Work that returns a result and may throw a checked exception, as users hand it to serverless4j
 * ({@code Idempotency.execute}, {@code RetryPolicy.call}, ...). What it throws comes back to the caller unchanged,
 * with its own type: the exception type {@code E} is inferred from the lambda ({@link RuntimeException} when it
 * throws no checked exception), so no call site needs a catch-and-rethrow wrapper.
 *
 * @param <T> the result type
 * @param <E> the checked exception the work may throw
 */
@FunctionalInterface
public interface CheckedSupplier<T, E extends Exception> {

    /**
     * Runs the work.
     *
     * @return its result
     * @throws E when the work fails
     */
    T get() throws E;
}
