/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import java.util.List;

/**
 * Thrown by {@link S3ThumbnailHandler} after every object of an invocation was tried (or, when time ran short, not
 * started), when some failed in a way a retry can fix (throttling, a network error, a failed write, the deadline),
 * so that Lambda retries the invocation and, when its retries are used up, sends the event to the function's
 * on-failure destination. Objects already done are answered from the metadata table on the retry, without
 * touching S3. The cause is the first such object's failure.
 *
 * <p>Retryable by definition; bad images (not retryable) never cause it.
 */
public final class RetryableThumbnailException extends ThumbnailException {

    private static final long serialVersionUID = 1L;

    private final transient List<ThumbnailOutcome> outcomes;

    /**
     * Creates the exception.
     *
     * @param retryable the outcomes a retry can fix; at least one
     * @throws IllegalArgumentException when the list is empty or holds an outcome that is not retryable
     */
    public RetryableThumbnailException(List<ThumbnailOutcome> retryable) {
        super(message(retryable), retryable.get(0).failure());
        this.outcomes = List.copyOf(retryable);
    }

    private static String message(List<ThumbnailOutcome> retryable) {
        if (retryable.isEmpty() || !retryable.stream().allMatch(ThumbnailOutcome::retryable)) {
            throw new IllegalArgumentException("RetryableThumbnailException needs at least one outcome, all "
                    + "retryable; was " + retryable);
        }
        return retryable.size() + " object(s) failed and will be retried: " + retryable.stream()
                .map(o -> o.object().uri() + " (" + o.detail() + ")").toList();
    }

    /**
     * The outcomes a retry can fix.
     *
     * @return the failed and not-started outcomes that are retryable, in the event's order
     */
    public List<ThumbnailOutcome> outcomes() {
        return outcomes;
    }

    /**
     * Always true: only retryable outcomes cause it.
     *
     * @return true
     */
    @Override
    public boolean retryable() {
        return true;
    }
}
