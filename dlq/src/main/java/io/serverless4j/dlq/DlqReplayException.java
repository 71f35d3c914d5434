/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import io.serverless4j.Serverless4jException;

/**
 * The root of every exception that {@code serverless4j-dlq} ({@link DlqReplayer}, {@link DlqArchive}) throws on
 * purpose, so a caller catches this module's failures with one {@code catch}.
 *
 * <p>Subtypes: {@link DlqTargetNotFoundException} and {@link DlqAmbiguousTargetException} (the target queue could
 * not be chosen), {@link DlqReplayAbortedException} (an AWS call failed for good; carries the partial report) and
 * {@link DlqArchiveException} (the archive file could not be written or read). A failure of a single message is
 * never an exception: it is reported in {@link DlqReplayReport#failed()} and the message stays in the DLQ. Neither
 * is the Lambda deadline: a replay it stops returns its report with {@link DlqReplayReport.StopReason#DEADLINE}.
 *
 * <p>Unchecked, like its parent {@link Serverless4jException}. Immutable and thread-safe.
 */
public abstract class DlqReplayException extends Serverless4jException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names the queue and what to do.
     *
     * @param message what was wrong and what to do
     */
    protected DlqReplayException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the failure that caused it.
     *
     * @param message what was wrong and what to do
     * @param cause the underlying failure
     */
    protected DlqReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
