/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link RetryPolicy} decided after a failed attempt, for {@link RetryListener}s (logs, metrics).
 *
 * @param operation what was called, e.g. {@code DynamoDB PutItem}
 * @param kind what was decided
 * @param attempt the number of the attempt that failed (0 when the deadline left no room for the first)
 * @param delay the wait before the next attempt ({@link Kind#RETRY}); zero otherwise
 * @param errorCode the AWS error code of the failure, or the exception's simple name; null when nothing failed
 * @param failure the failure, when an exception was thrown; null for per-entry errors of a batch call
 */
public record RetryEvent(String operation, Kind kind, int attempt, Duration delay, String errorCode, Throwable failure) {

    /** What the policy decided. */
    public enum Kind {
        /** Another attempt follows after {@link RetryEvent#delay()}. */
        RETRY,
        /** The attempts ran out; the failure is final. */
        RETRIES_EXHAUSTED,
        /** The deadline (less the safety margin) left no room for the next wait and attempt; the call stops. */
        DEADLINE
    }

    /** Validates the event. */
    public RetryEvent {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delay, "delay");
    }
}
