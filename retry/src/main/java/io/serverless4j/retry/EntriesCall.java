/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import java.util.List;

/**
 * One request of a batch API for {@link RetryPolicy#callEntries}: sends the entries once and says which of them
 * the service answered as failed. Throwing means the request as a whole failed: all its entries share that fate.
 *
 * @param <E> the entry type
 */
@FunctionalInterface
public interface EntriesCall<E> {

    /**
     * Sends the entries in one request.
     *
     * @param entries the entries still to send, in order; at most as many as one request takes
     * @param attempt this attempt: pass {@link Attempt#overrideConfiguration()} to the SDK request
     * @return the entries the service answered as failed; empty when all were taken
     * @throws Exception when the request as a whole failed
     */
    List<EntryFailure<E>> send(List<E> entries, Attempt attempt) throws Exception;
}
