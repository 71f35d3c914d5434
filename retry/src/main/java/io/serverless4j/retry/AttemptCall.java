/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

/**
 * One attempt of a call made through {@link RetryPolicy#call}: the {@code CheckedSupplier} of the core module, with
 * the {@link Attempt} whose SDK settings hold the call to the deadline. What it throws comes back unchanged when
 * it is not retried.
 *
 * @param <T> the result type
 * @param <E> the checked exception the call may throw ({@link RuntimeException} when it throws none)
 */
@FunctionalInterface
public interface AttemptCall<T, E extends Exception> {

    /**
     * Makes the call once.
     *
     * @param attempt this attempt: pass {@link Attempt#overrideConfiguration()} to the SDK request
     * @return the result
     * @throws E when the call fails
     */
    T call(Attempt attempt) throws E;
}
