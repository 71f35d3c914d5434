/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import io.serverless4j.retry.AwsErrors;
import io.serverless4j.dlq.internal.ArchiveCodec;
import io.serverless4j.dlq.internal.SqsFailures;
import io.serverless4j.dlq.internal.Outgoing;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Restores a replay archive (see {@link DlqReplayer.Builder#archive(Path)}): sends every archived message again,
 * exactly as it was sent by the replay (body, message attributes including the original id and replay count, FIFO
 * group id), for example after the target's consumer lost or corrupted what the replay delivered.
 *
 * <p>Each DLQ message is sent once even when the archive holds it several times (a replay that crashed and ran
 * again archives its in-flight batch twice); messages the archive marks as not moved are not sent. A line cut short
 * by a crash is reported, not fatal. Restoring is at-least-once too: restoring the same archive twice sends
 * everything twice. Stateless and thread-safe.
 */
public final class DlqArchive {

    private static final int SEND_ATTEMPTS = 3;

    private DlqArchive() {}

    /**
     * Sends every message of an archive to a queue.
     *
     * @param sqs the client
     * @param archive the JSONL archive a replay wrote
     * @param queueUrl the queue to send to (for a FIFO queue every message needs a group id; each gets a new
     *     deduplication id)
     * @return a report: {@code received} = archived messages read, {@code moved} = sent, {@code skippedByFilter} =
     *     lines not sent because they were duplicates or marked not moved, {@code failed} = messages not sent and
     *     unreadable lines (message id {@code line N}); {@code dlqUrl} is the archive's URI
     * @throws NullPointerException when an argument is null
     * @throws DlqArchiveException when the archive cannot be read
     * @throws DlqReplayAbortedException when the queue does not exist or cannot be written
     */
    public static DlqReplayReport restore(SqsClient sqs, Path archive, String queueUrl) {
        Objects.requireNonNull(sqs, "sqs");
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(queueUrl, "queueUrl");
        long start = System.nanoTime();
        boolean fifo = queueUrl.endsWith(".fifo");
        List<DlqReplayReport.NotMoved> failed = new ArrayList<>();
        // Pass 1: the final state of each DLQ message id (a later line wins), so pass 2 sends each moved one once.
        Map<String, Boolean> movedById = new HashMap<>();
        forEachLine(archive, (lineNumber, line) -> {
            try {
                Object decoded = ArchiveCodec.decode(line);
                if (decoded instanceof ArchiveCodec.ArchivedMessage message) {
                    movedById.put(message.dlqMessageId(), true);
                } else {
                    movedById.put(((ArchiveCodec.NotMoved) decoded).dlqMessageId(), false);
                }
            } catch (IllegalArgumentException e) {
                failed.add(new DlqReplayReport.NotMoved("line " + lineNumber, "line " + lineNumber, "line "
                        + lineNumber + " of " + archive + " is not an archive line (" + e.getMessage() + "), e.g. cut "
                        + "short by a crash while it was written; it was not sent"));
            }
        });
        Set<String> sentIds = new HashSet<>();
        List<ArchiveCodec.ArchivedMessage> batch = new ArrayList<>();
        long[] counts = new long[3]; // read, sent, skipped
        forEachLine(archive, (lineNumber, line) -> {
            Object decoded;
            try {
                decoded = ArchiveCodec.decode(line);
            } catch (IllegalArgumentException e) {
                return; // reported in pass 1
            }
            if (!(decoded instanceof ArchiveCodec.ArchivedMessage message)) {
                return;
            }
            counts[0]++;
            if (!movedById.getOrDefault(message.dlqMessageId(), false) || !sentIds.add(message.dlqMessageId())) {
                counts[2]++;
                return;
            }
            batch.add(message);
            if (batch.size() == Outgoing.MAX_BATCH_ENTRIES) {
                counts[1] += send(sqs, queueUrl, fifo, batch, failed, archive, counts, start);
                batch.clear();
            }
        });
        if (!batch.isEmpty()) {
            counts[1] += send(sqs, queueUrl, fifo, batch, failed, archive, counts, start);
        }
        return report(archive, queueUrl, counts, failed, start, DlqReplayReport.StopReason.EMPTY);
    }

    private static int send(SqsClient sqs, String queueUrl, boolean fifo, List<ArchiveCodec.ArchivedMessage> batch,
            List<DlqReplayReport.NotMoved> failed, Path archive, long[] counts, long start) {
        List<ArchiveCodec.ArchivedMessage> pending = new ArrayList<>(batch);
        int sent = 0;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                ArchiveCodec.ArchivedMessage message = pending.get(i);
                SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i)).messageBody(message.body());
                if (!message.attributes().isEmpty()) {
                    entry.messageAttributes(message.attributes());
                }
                if (fifo) {
                    entry.messageGroupId(message.messageGroupId())
                            .messageDeduplicationId("s4j-restore-" + UUID.randomUUID());
                }
                entries.add(entry.build());
            }
            List<ArchiveCodec.ArchivedMessage> again = new ArrayList<>();
            try {
                SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
                sent += response.successful().size();
                for (BatchResultErrorEntry error : response.failed()) {
                    ArchiveCodec.ArchivedMessage message = pending.get(Integer.parseInt(error.id()));
                    if (Boolean.TRUE.equals(error.senderFault()) || attempt >= SEND_ATTEMPTS) {
                        failed.add(new DlqReplayReport.NotMoved(message.dlqMessageId(), message.originalMessageId(),
                                queueUrl + " refused archived message " + message.dlqMessageId() + " (" + error.code()
                                        + ": " + error.message() + "); it was not restored"));
                    } else {
                        again.add(message);
                    }
                }
            } catch (SdkException e) {
                if (SqsFailures.fatal(e) || (!AwsErrors.isRetryable(e) && pending.size() == 1)
                        || attempt >= SEND_ATTEMPTS) {
                    if (SqsFailures.fatal(e) || attempt >= SEND_ATTEMPTS) {
                        counts[1] += sent;
                        throw new DlqReplayAbortedException("restoring " + archive + " to " + queueUrl + " failed: "
                                + SqsFailures.describe(e) + "; " + counts[1] + " message(s) were sent before the stop: "
                                + "fix the cause, and note that restoring again sends those again", report(archive,
                                        queueUrl, counts, failed, start, DlqReplayReport.StopReason.ABORTED), e);
                    }
                    ArchiveCodec.ArchivedMessage message = pending.get(0);
                    failed.add(new DlqReplayReport.NotMoved(message.dlqMessageId(), message.originalMessageId(),
                            queueUrl + " refused archived message " + message.dlqMessageId() + " ("
                                    + SqsFailures.describe(e) + "); it was not restored"));
                } else if (!AwsErrors.isRetryable(e)) {
                    for (ArchiveCodec.ArchivedMessage single : pending) {
                        sent += send(sqs, queueUrl, fifo, List.of(single), failed, archive, counts, start);
                    }
                } else {
                    again = pending;
                }
            }
            pending = again;
        }
        return sent;
    }

    private static DlqReplayReport report(Path archive, String queueUrl, long[] counts,
            List<DlqReplayReport.NotMoved> failed, long start, DlqReplayReport.StopReason reason) {
        return new DlqReplayReport(archive.toUri().toString(), queueUrl, false, reason, counts[0], counts[1],
                counts[2], failed, List.of(), List.of(), Duration.ofNanos(System.nanoTime() - start));
    }

    private interface LineHandler {
        void line(long lineNumber, String line);
    }

    private static void forEachLine(Path archive, LineHandler handler) {
        try (BufferedReader reader = Files.newBufferedReader(archive, StandardCharsets.UTF_8)) {
            long lineNumber = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (!line.isBlank()) {
                    handler.line(lineNumber, line);
                }
            }
        } catch (IOException e) {
            throw new DlqArchiveException(archive, "cannot read the archive " + archive + ": " + e
                    + "; check the path", e);
        }
    }
}
