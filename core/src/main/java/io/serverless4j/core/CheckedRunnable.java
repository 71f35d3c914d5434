/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.core;

/**
 * Work without a result that may throw a checked exception: the {@link CheckedSupplier} of calls that only have an
 * effect, such as processing one queue record. What it throws comes back to the caller unchanged.
 *
 * @param <E> the checked exception the work may throw
 */
@FunctionalInterface
public interface CheckedRunnable<E extends Exception> {

    /**
     * Runs the work.
     *
     * @throws E when the work fails
     */
    void run() throws E;
}
