/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq;

import io.serverless4j.core.Invocation;
import io.serverless4j.dlq.internal.ArchiveCodec;
import io.serverless4j.dlq.internal.Outgoing;
import io.serverless4j.dlq.internal.SqsFailures;
import io.serverless4j.retry.AwsErrors;
import io.serverless4j.retry.EntriesResult;
import io.serverless4j.retry.EntryFailure;
import io.serverless4j.retry.RetryPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
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
 * everything twice. Every SendMessageBatch goes through {@link RetryPolicy#defaults()} without a deadline (a
 * restore is a command-line task): entries that fail for a reason that may pass are sent again, at most 3 times.
 * Stateless and thread-safe.
 */
public final class DlqArchive {

    /** Restores run outside Lambda (the command line): the default attempts and backoff, no deadline. */
    private static final RetryPolicy POLICY = RetryPolicy.defaults();

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
     *     unreadable lines (message id {@code line N}); {@code dlqUrl} is the archive's URI; {@code left} and
     *     {@code sentNotDeleted} are empty
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
        // One deduplication id per message for all attempts, so a FIFO queue drops a resend of a request that did
        // arrive although its answer did not.
        Map<ArchiveCodec.ArchivedMessage, String> dedupIds = new IdentityHashMap<>();
        batch.forEach(m -> dedupIds.put(m, "s4j-restore-" + UUID.randomUUID()));
        AtomicReference<SdkException> wholeFailure = new AtomicReference<>();
        Set<ArchiveCodec.ArchivedMessage> inFailedRequest = Collections.newSetFromMap(new IdentityHashMap<>());
        EntriesResult<ArchiveCodec.ArchivedMessage> result = POLICY.callEntries("SQS SendMessageBatch",
                Invocation.none(), batch, (pending, attempt) -> {
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
                                    .messageDeduplicationId(dedupIds.get(message));
                        }
                        entries.add(entry.build());
                    }
                    SendMessageBatchResponse response;
                    inFailedRequest.clear();
                    try {
                        response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)
                                .overrideConfiguration(attempt.overrideConfiguration()));
                    } catch (SdkException e) {
                        wholeFailure.set(e);
                        inFailedRequest.addAll(pending);
                        if (SqsFailures.fatal(e)) {
                            List<EntryFailure<ArchiveCodec.ArchivedMessage>> all = new ArrayList<>();
                            pending.forEach(m -> all.add(new EntryFailure<>(m, "Fatal", SqsFailures.describe(e),
                                    false)));
                            return all;
                        }
                        throw e;
                    }
                    wholeFailure.set(null);
                    List<EntryFailure<ArchiveCodec.ArchivedMessage>> failures = new ArrayList<>();
                    for (BatchResultErrorEntry error : response.failed()) {
                        failures.add(new EntryFailure<>(pending.get(Integer.parseInt(error.id())), error.code(),
                                error.message(), !Boolean.TRUE.equals(error.senderFault())));
                    }
                    return failures;
                });
        int sent = batch.size() - result.failed().size();
        SdkException whole = wholeFailure.get();
        List<ArchiveCodec.ArchivedMessage> refusedWhole = new ArrayList<>();
        for (EntriesResult.FailedEntry<ArchiveCodec.ArchivedMessage> failure : result.failed()) {
            ArchiveCodec.ArchivedMessage message = failure.entry();
            if (whole != null && inFailedRequest.contains(message)) {
                refusedWhole.add(message);
            } else {
                failed.add(new DlqReplayReport.NotMoved(message.dlqMessageId(), message.originalMessageId(),
                        queueUrl + " refused archived message " + message.dlqMessageId() + " ("
                                + failure.errorCode() + ": " + failure.errorMessage() + "); it was not restored"));
            }
        }
        if (refusedWhole.isEmpty()) {
            return sent;
        }
        if (SqsFailures.fatal(whole) || AwsErrors.isRetryable(whole)) {
            counts[1] += sent;
            throw new DlqReplayAbortedException("restoring " + archive + " to " + queueUrl + " failed: "
                    + SqsFailures.describe(whole) + "; " + counts[1] + " message(s) were sent before the stop: fix "
                    + "the cause, and note that restoring again sends those again", report(archive, queueUrl,
                            counts, failed, start, DlqReplayReport.StopReason.ABORTED), whole);
        }
        if (refusedWhole.size() == 1) {
            ArchiveCodec.ArchivedMessage message = refusedWhole.get(0);
            failed.add(new DlqReplayReport.NotMoved(message.dlqMessageId(), message.originalMessageId(),
                    queueUrl + " refused archived message " + message.dlqMessageId() + " ("
                            + SqsFailures.describe(whole) + "); it was not restored"));
            return sent;
        }
        // The request itself was refused (e.g. too long): send one by one, so only the bad one fails.
        for (ArchiveCodec.ArchivedMessage single : refusedWhole) {
            sent += send(sqs, queueUrl, fifo, List.of(single), failed, archive, counts, start);
        }
        return sent;
    }

    private static DlqReplayReport report(Path archive, String queueUrl, long[] counts,
            List<DlqReplayReport.NotMoved> failed, long start, DlqReplayReport.StopReason reason) {
        return new DlqReplayReport(archive.toUri().toString(), queueUrl, false, reason, counts[0], counts[1],
                counts[2], failed, List.of(), List.of(), List.of(), List.of(), Duration.ofNanos(System.nanoTime()
                - start));
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
