/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import java.util.List;
import java.util.Objects;

/**
 * What {@link RetryPolicy#callEntries} did: the entries that failed for good, and how many requests it took.
 *
 * @param failed the entries that failed for good, in the order given
 * @param requests the number of requests sent
 * @param <E> the entry type
 */
public record EntriesResult<E>(List<FailedEntry<E>> failed, int requests) {

    /** Copies the failures. */
    public EntriesResult {
        failed = List.copyOf(failed);
    }

    /**
     * Whether every entry was taken.
     *
     * @return true when nothing failed
     */
    public boolean allSucceeded() {
        return failed.isEmpty();
    }

    /**
     * One entry that failed for good.
     *
     * @param entry the entry
     * @param errorCode the last error code, or {@link RetryPolicy#DEADLINE_ERROR_CODE} when the deadline stopped it
     * @param errorMessage what happened
     * @param attempts how many times it was sent (0 when the deadline left no room for the first request)
     * @param <E> the entry type
     */
    public record FailedEntry<E>(E entry, String errorCode, String errorMessage, int attempts) {
        /** Validates the entry. */
        public FailedEntry {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(errorCode, "errorCode");
        }
    }
}
