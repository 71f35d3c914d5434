/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import io.serverless4j.Serverless4jException;

/**
 * Thrown when the local AWS test ground cannot start or use an emulator: a missing tool (Node.js, npm, S3Mock),
 * an install that failed, or an emulator that did not come up. The message names what to install or fix and,
 * for emulators that run as a child process, ends with the tail of that process's log.
 */
public class LocalAwsException extends Serverless4jException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong and what to do about it
     */
    public LocalAwsException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure
     */
    public LocalAwsException(String message, Throwable cause) {
        super(message, cause);
    }
}
