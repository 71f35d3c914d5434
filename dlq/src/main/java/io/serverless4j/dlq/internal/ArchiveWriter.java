/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.internal;

import io.serverless4j.dlq.DlqArchiveException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * Appends to a replay's JSONL archive: one line per message, written and forced to disk (fsync) before the batch is
 * sent, so a message can never be moved without being archived. Appends to an existing file. Thread-safe: workers
 * append whole batches under one lock.
 */
public final class ArchiveWriter implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;

    private ArchiveWriter(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /**
     * Opens (creating or appending to) an archive.
     *
     * @param path the file
     * @return the writer
     * @throws DlqArchiveException when the file cannot be opened
     */
    public static ArchiveWriter open(Path path) {
        try {
            return new ArchiveWriter(path, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND));
        } catch (IOException | RuntimeException e) {
            throw new DlqArchiveException(path, "cannot open the archive " + path + " for appending: " + e
                    + "; check the path and its permissions", e);
        }
    }

    /**
     * Archives a batch about to be sent, and forces it to disk.
     *
     * @param batch the messages
     * @param target the target queue URL
     * @throws DlqArchiveException when writing fails; the batch must then not be sent
     */
    public void append(List<Outgoing.Prepared> batch, String target) {
        StringBuilder lines = new StringBuilder();
        Instant now = Instant.now();
        for (Outgoing.Prepared message : batch) {
            lines.append(ArchiveCodec.encode(message, target, now)).append('\n');
        }
        write(lines.toString());
    }

    /**
     * Records that an archived message was not moved after all.
     *
     * @param dlqMessageId its id in the DLQ
     * @param reason why
     * @throws DlqArchiveException when writing fails
     */
    public void appendNotMoved(String dlqMessageId, String reason) {
        write(ArchiveCodec.encodeNotMoved(dlqMessageId, reason) + "\n");
    }

    private synchronized void write(String text) {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new DlqArchiveException(path, "cannot write the archive " + path + ": " + e + "; the batch that "
                    + "was to be archived was not sent and stays in the DLQ", e);
        }
    }

    /**
     * Closes the file.
     *
     * @throws DlqArchiveException when closing fails
     */
    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new DlqArchiveException(path, "cannot close the archive " + path + ": " + e, e);
        }
    }
}
