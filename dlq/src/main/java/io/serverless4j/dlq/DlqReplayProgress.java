/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import java.time.Duration;
import java.util.Objects;

/**
 * A snapshot of a running replay, handed to {@link DlqReplayListener#progress(DlqReplayProgress)}. Immutable and
 * thread-safe.
 *
 * @param received distinct DLQ messages received so far
 * @param moved messages moved so far (in a dry run: that would move)
 * @param skippedByFilter messages the filter rejected so far
 * @param failed messages that could not be moved so far
 * @param keptOverReplayLimit messages kept in the DLQ over the replay limit so far
 * @param elapsed time since the replay started
 */
public record DlqReplayProgress(long received, long moved, long skippedByFilter, long failed,
        long keptOverReplayLimit, Duration elapsed) {

    /**
     * Validates.
     *
     * @throws NullPointerException when elapsed is null
     */
    public DlqReplayProgress {
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * Moved messages per second so far.
     *
     * @return the rate, 0 before any time elapsed
     */
    public double messagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : moved / seconds;
    }
}
