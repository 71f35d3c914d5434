/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

/**
 * Hears how a replay goes: the command line draws its progress bar with one, a scheduled Lambda may log or emit
 * metrics. Every method has an empty default.
 *
 * <p>{@link #progress(DlqReplayProgress)} is called from the replay's worker threads, after each batch, possibly
 * concurrently: implementations must be thread-safe and quick (do not call AWS from it). An exception thrown by a
 * listener is ignored, so a broken progress display never stops a replay.
 */
public interface DlqReplayListener {

    /** A listener that does nothing. */
    DlqReplayListener NONE = new DlqReplayListener() {};

    /**
     * The replay is about to receive its first message.
     *
     * @param dlqUrl the DLQ
     * @param targetQueueUrl the target queue
     * @param approximateMessages the DLQ's {@code ApproximateNumberOfMessages} at the start
     */
    default void started(String dlqUrl, String targetQueueUrl, long approximateMessages) {}

    /**
     * A batch was handled.
     *
     * @param progress the counts so far
     */
    default void progress(DlqReplayProgress progress) {}

    /**
     * The replay finished (also when it was aborted, just before the exception is thrown).
     *
     * @param report the final report
     */
    default void finished(DlqReplayReport report) {}
}
