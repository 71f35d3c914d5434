/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import java.util.Objects;

/**
 * An AWS call failed for good (the queue does not exist, access is denied, the endpoint is unreachable, or the
 * target kept failing), so the replay stopped early.
 *
 * <p>The guarantee still holds: no message was lost, and at most the batch each worker had in flight was sent
 * without being deleted from the DLQ (it will be replayed again, a duplicate). {@link #report()} says what was done
 * before the stop. Fix the cause and run the replay again. Immutable and thread-safe.
 */
public final class DlqReplayAbortedException extends DlqReplayException {

    private static final long serialVersionUID = 1L;

    private final transient DlqReplayReport report;

    /**
     * Creates the exception.
     *
     * @param message what failed, on which queue, and what to do
     * @param report what was done before the stop
     * @param cause the AWS SDK failure
     */
    public DlqReplayAbortedException(String message, DlqReplayReport report, Throwable cause) {
        super(message, cause);
        this.report = Objects.requireNonNull(report, "report");
    }

    /**
     * What the replay did before it stopped.
     *
     * @return the partial report ({@link DlqReplayReport.StopReason#ABORTED})
     */
    public DlqReplayReport report() {
        return report;
    }
}
