/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.messaging;

import java.util.List;
import java.util.Objects;

/**
 * What {@link EventBridgePublisher#publish} did: how many entries EventBridge accepted, and which failed for good
 * and why.
 *
 * @param published the number of entries accepted
 * @param failed the entries that failed for good, in the order they were given
 * @param requests the number of PutEvents requests made
 */
public record PublishReport(int published, List<FailedEntry> failed, int requests) {

    /**
     * Copies the failures.
     */
    public PublishReport {
        failed = List.copyOf(failed);
    }

    /**
     * One entry that was not published.
     *
     * @param index its position in the list given to {@code publish}
     * @param entry the entry
     * @param errorCode EventBridge's error code (or the exception's), e.g. {@code ThrottlingException};
     *     {@link io.serverless4j.retry.RetryPolicy#DEADLINE_ERROR_CODE} when the Lambda deadline stopped it
     * @param errorMessage the error message
     * @param attempts how many times it was sent
     */
    public record FailedEntry(int index, EventBridgeEntry entry, String errorCode, String errorMessage, int attempts) {
        /** Validates the entry. */
        public FailedEntry {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(errorCode, "errorCode");
        }
    }

    /**
     * Whether every entry was published.
     *
     * @return true when nothing failed
     */
    public boolean allSucceeded() {
        return failed.isEmpty();
    }
}
