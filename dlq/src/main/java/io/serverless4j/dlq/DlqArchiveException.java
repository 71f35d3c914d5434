/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import java.nio.file.Path;

/**
 * The JSONL archive of a replay could not be written, or an archive to restore could not be read.
 *
 * <p>When writing fails the replay stops before sending the batch it could not archive, so every moved message is
 * in the archive. Immutable and thread-safe.
 */
public final class DlqArchiveException extends DlqReplayException {

    private static final long serialVersionUID = 1L;

    private final transient Path archive;

    /**
     * Creates the exception.
     *
     * @param archive the archive file
     * @param message what failed and what to do
     * @param cause the I/O failure, or null
     */
    public DlqArchiveException(Path archive, String message, Throwable cause) {
        super(message, cause);
        this.archive = archive;
    }

    /**
     * The archive file.
     *
     * @return its path
     */
    public Path archive() {
        return archive;
    }
}
