/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.internal;

import io.serverless4j.core.Invocation;
import io.serverless4j.dlq.DlqReplayReport.StopReason;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The time rules of one replay: whether a worker may start another batch, how long its receive may wait, how long
 * a rate-limit wait may be, and the deadline its sends are held to. Two limits apply: the Lambda invocation's
 * deadline less the retry policy's safety margin (hard: the retry policy bounds every SQS call by it), and the
 * replay's own time limit (soft: no new batch after it, batches in flight finish). Thread-safe.
 *
 * <p>A batch (receive, send, delete) is started only while the time left before the deadline less the margin is
 * at least {@link #batchNanos()} — the longest batch this replay has taken, and never less than
 * {@link #MIN_BATCH_TIME} — plus the receive's wait; the receive's long poll is shortened to leave that time. Sends
 * are held to a deadline {@link #DELETE_RESERVE} earlier, so that the delete of what was sent has time to run.
 */
final class ReplayDeadline {

    /** The least time kept for a batch's send and delete. */
    static final Duration MIN_BATCH_TIME = Duration.ofSeconds(1);
    /** The time kept after a batch's send for its delete. */
    static final Duration DELETE_RESERVE = Duration.ofMillis(500);

    private static final long ONE_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final Invocation invocation;
    private final Invocation timeLimit;
    private final long marginNanos;
    private final AtomicLong longestBatchNanos = new AtomicLong();

    /**
     * The rules for one replay, from now.
     *
     * @param invocation the invocation whose deadline bounds the replay ({@link Invocation#none()} outside Lambda)
     * @param timeLimit the replay's own time limit, or null
     * @param safetyMargin the retry policy's safety margin
     */
    ReplayDeadline(Invocation invocation, Duration timeLimit, Duration safetyMargin) {
        this.invocation = invocation;
        this.timeLimit = timeLimit == null ? null : Invocation.none(invocation.ticker()).withTimeLimit(timeLimit);
        this.marginNanos = safetyMargin.toNanos();
    }

    /**
     * Whether a worker may start a batch now.
     *
     * @param receiveWait the configured long-polling wait
     * @return null when it may; otherwise the reason the replay stops
     */
    StopReason refuseBatch(Duration receiveWait) {
        if (timeLimit != null && !timeLimit.hasTimeLeft(Duration.ZERO)) {
            return StopReason.TIME_LIMIT;
        }
        if (invocation.hasDeadline()) {
            long needed = batchNanos() + Math.min(receiveWait.toNanos(), ONE_SECOND);
            if (invocation.timeLeftNanos(marginNanos) < needed) {
                return StopReason.DEADLINE;
            }
        }
        return null;
    }

    /**
     * The long-polling wait of a receive started now: the configured one, shortened to end before the time limit
     * and to leave a batch's time before the deadline.
     *
     * @param receiveWait the configured wait
     * @return whole seconds, 0 to the configured wait
     */
    int receiveWaitSeconds(Duration receiveWait) {
        long wait = receiveWait.toNanos();
        if (timeLimit != null) {
            wait = Math.min(wait, timeLimit.timeLeftNanos(0));
        }
        if (invocation.hasDeadline()) {
            wait = Math.min(wait, invocation.timeLeftNanos(marginNanos) - batchNanos());
        }
        return (int) Math.max(0, TimeUnit.NANOSECONDS.toSeconds(wait));
    }

    /**
     * The longest a rate-limit wait may be now: what leaves a batch's send and delete time before the deadline.
     *
     * @return nanoseconds, zero or more; {@link Long#MAX_VALUE} outside Lambda
     */
    long rateWaitLimitNanos() {
        if (!invocation.hasDeadline()) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, invocation.timeLeftNanos(marginNanos) - MIN_BATCH_TIME.toNanos());
    }

    /**
     * The invocation a send started now runs in: the deadline {@link #DELETE_RESERVE} earlier, so a slow, throttled
     * or silent send leaves time to delete what was sent.
     *
     * @return the view for one send
     */
    Invocation forSend() {
        if (!invocation.hasDeadline()) {
            return invocation;
        }
        return invocation.withTimeLimit(invocation.timeLeft(DELETE_RESERVE));
    }

    /**
     * Records how long a batch took from its receive's answer to its delete's.
     *
     * @param nanos the duration
     */
    void batchTook(long nanos) {
        longestBatchNanos.accumulateAndGet(nanos, Math::max);
    }

    /**
     * The time kept for a batch: the longest so far, at least {@link #MIN_BATCH_TIME}.
     *
     * @return nanoseconds
     */
    long batchNanos() {
        return Math.max(MIN_BATCH_TIME.toNanos(), longestBatchNanos.get());
    }

    /**
     * The clock batches are timed on: the invocation's.
     *
     * @return a reading in nanoseconds
     */
    long nanoTime() {
        return invocation.ticker().nanoTime();
    }
}
