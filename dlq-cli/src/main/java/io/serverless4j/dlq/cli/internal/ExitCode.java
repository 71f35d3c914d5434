/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.cli.internal;

/**
 * The exit codes of {@code serverless4j-dlq-replay.jar}, for scripts. Stateless constants.
 */
public final class ExitCode {

    /** Every message the replay took on was moved (a dry run: it finished); a restore sent everything. */
    public static final int OK = 0;
    /** The replay finished, but some messages failed or were kept over the replay limit: they are still in the DLQ. */
    public static final int SOME_NOT_MOVED = 1;
    /** The command line was wrong (unknown option, bad value, missing --dlq). */
    public static final int USAGE = 2;
    /**
     * An AWS or configuration error: a queue does not exist, no or several target queues, no region or credentials,
     * access denied, the target kept failing. The replay stopped; nothing was lost: fix the cause and run it again.
     */
    public static final int AWS_OR_CONFIG = 3;
    /** The archive could not be written (replay) or read (restore). */
    public static final int ARCHIVE = 4;

    private ExitCode() {}
}
