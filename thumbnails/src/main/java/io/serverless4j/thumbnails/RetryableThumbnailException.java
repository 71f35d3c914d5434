/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails;

import io.serverless4j.Serverless4jException;
import java.util.List;

/**
 * Thrown by {@link S3ThumbnailHandler} after every object of an invocation was tried, when some failed in a way a
 * retry can fix (throttling, a network error, a failed write), so that Lambda retries the invocation and, when its
 * retries are used up, sends the event to the function's on-failure destination. Objects already done are answered
 * from the metadata table on the retry, without touching S3. Not a {@link ThumbnailException}: those are bad images,
 * which a retry cannot fix.
 */
public final class RetryableThumbnailException extends Serverless4jException {

    private static final long serialVersionUID = 1L;

    private final transient List<ThumbnailOutcome> retryable;

    /**
     * Creates the exception.
     *
     * @param retryable the outcomes a retry can fix; at least one
     */
    public RetryableThumbnailException(List<ThumbnailOutcome> retryable) {
        super(retryable.size() + " object(s) failed and will be retried: " + retryable.stream()
                .map(o -> o.object().uri() + " (" + o.detail() + ")").toList(), retryable.get(0).failure());
        this.retryable = List.copyOf(retryable);
    }

    /**
     * The outcomes a retry can fix.
     *
     * @return the failed, retryable outcomes
     */
    public List<ThumbnailOutcome> retryable() {
        return retryable;
    }
}
