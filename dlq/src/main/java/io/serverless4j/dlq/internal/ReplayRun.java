/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.internal;

import io.serverless4j.retry.AwsErrors;
import io.serverless4j.dlq.DlqAmbiguousTargetException;
import io.serverless4j.dlq.DlqArchiveException;
import io.serverless4j.dlq.DlqMessage;
import io.serverless4j.dlq.DlqReplayAbortedException;
import io.serverless4j.dlq.DlqReplayProgress;
import io.serverless4j.dlq.DlqReplayReport;
import io.serverless4j.dlq.DlqReplayReport.NotMoved;
import io.serverless4j.dlq.DlqReplayReport.StopReason;
import io.serverless4j.dlq.DlqTargetNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * One replay: resolves the target, runs the workers, and builds the report. Used once, by one
 * {@code DlqReplayer.replay()} call.
 *
 * <p>Each worker loops: receive up to 10 (long polling) → classify each message (already seen, over the replay
 * limit, filtered out, transform or limit failure, dry-run sample, or to send) → take rate-limit tokens → archive →
 * SendMessageBatch (size-packed) → DeleteMessageBatch of exactly the entries that were sent. Failed entries are sent
 * again, with backoff, up to {@code maxSendAttempts}; then they are given up and reported.
 *
 * <p>Messages the run does not move ("parked": filtered out, over the limit, failed, and every message in a dry run)
 * stay invisible until the run ends and are then made visible again (ChangeMessageVisibility 0), so the run sees
 * each message once and ends when a receive brings nothing new. A worker stops after such a receive.
 */
public final class ReplayRun {

    /** After this many SendMessageBatch calls in a row fail, the target is taken to be down and the run stops. */
    private static final int MAX_CONSECUTIVE_CALL_FAILURES = 10;
    /** How long a parked message seen a second time is hidden, so it does not keep coming back in a long run. */
    private static final Duration REPARK_VISIBILITY = Duration.ofMinutes(15);
    private static final int RECEIVE_ATTEMPTS = 4;
    private static final int DELETE_ATTEMPTS = 4;

    private final ReplayConfig config;
    private final SqsClient sqs;
    private final long startNanos = System.nanoTime();
    private final long deadlineNanos;

    private String target;
    private boolean targetFifo;
    private TokenBucket bucket;
    private ArchiveWriter archive;
    private VisibilityKeeper keeper;
    private Budget budget;

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong moved = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final ConcurrentLinkedQueue<NotMoved> failed = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<NotMoved> kept = new ConcurrentLinkedQueue<>();
    private final List<DlqMessage> samples = new ArrayList<>();
    /** Message id → current receipt handle ("" when it cannot be released) of messages this run does not move. */
    private final Map<String, String> parked = new ConcurrentHashMap<>();
    private final AtomicInteger consecutiveCallFailures = new AtomicInteger();
    private final AtomicReference<StopReason> stopReason = new AtomicReference<>();
    private final AtomicReference<RuntimeException> abortCause = new AtomicReference<>();
    private volatile boolean stopping;

    /**
     * Prepares a run.
     *
     * @param config the configuration
     */
    public ReplayRun(ReplayConfig config) {
        this.config = config;
        this.sqs = config.sqs();
        this.deadlineNanos = config.timeLimit() == null ? Long.MAX_VALUE
                : startNanos + Math.min(config.timeLimit().toNanos(), Long.MAX_VALUE / 4);
    }

    /**
     * Runs the replay to its end.
     *
     * @return the report
     * @throws DlqTargetNotFoundException when no target was given and none can be found
     * @throws DlqAmbiguousTargetException when no target was given and several queues name the DLQ
     * @throws DlqReplayAbortedException when an AWS call fails for good
     * @throws DlqArchiveException when the archive cannot be written
     */
    public DlqReplayReport run() {
        long approximate;
        try {
            approximate = Long.parseLong(sqs.getQueueAttributes(b -> b.queueUrl(config.dlqUrl())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
            target = config.targetQueueUrl() != null ? config.targetQueueUrl() : findTarget();
            if (config.targetQueueUrl() != null) {
                // Fail before receiving anything when the target does not exist or cannot be read.
                sqs.getQueueAttributes(b -> b.queueUrl(target).attributeNames(QueueAttributeName.QUEUE_ARN));
            }
        } catch (SdkException e) {
            throw new DlqReplayAbortedException(startMessage(e), report(StopReason.ABORTED), e);
        }
        targetFifo = target.endsWith(".fifo");
        budget = new Budget(config.maxMessages());
        bucket = config.maxMessagesPerSecond() > 0 ? TokenBucket.forRate(config.maxMessagesPerSecond()) : null;
        if (config.archive() != null) {
            archive = ArchiveWriter.open(config.archive());
        }
        keeper = new VisibilityKeeper(sqs, config.dlqUrl(), config.visibilityTimeout());
        safely(() -> config.listener().started(config.dlqUrl(), target, approximate));
        ExecutorService workers = Executors.newFixedThreadPool(config.workers(), new WorkerThreads());
        boolean interrupted = false;
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < config.workers(); i++) {
                futures.add(workers.submit(this::work));
            }
            for (Future<?> future : futures) {
                while (true) {
                    try {
                        future.get();
                        break;
                    } catch (InterruptedException e) {
                        // Let every worker finish the batch it holds, so nothing is left half done.
                        interrupted = true;
                        stop(StopReason.INTERRUPTED);
                    } catch (ExecutionException e) {
                        abort(e.getCause() instanceof RuntimeException r ? r
                                : new IllegalStateException("a DLQ replay worker failed: " + e.getCause(),
                                        e.getCause()));
                        break;
                    }
                }
            }
        } finally {
            workers.shutdownNow();
            keeper.close();
            releaseParked();
            if (archive != null) {
                archive.close();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        DlqReplayReport report = report(stopReason.get() == null ? StopReason.EMPTY : stopReason.get());
        safely(() -> config.listener().finished(report));
        RuntimeException cause = abortCause.get();
        if (cause instanceof DlqArchiveException archiveFailure) {
            throw archiveFailure;
        }
        if (cause != null) {
            throw new DlqReplayAbortedException(cause.getMessage() + "; moved " + report.moved() + " before the "
                    + "stop; nothing was lost: fix the cause and run the replay again", report, cause);
        }
        return report;
    }

    private String startMessage(SdkException e) {
        String queue = target == null ? config.dlqUrl() : target;
        return "cannot start the replay of " + config.dlqUrl() + ": " + SqsFailures.describe(e) + " (queue " + queue
                + "); check that the queue URL, the region and the credentials are right and that they allow "
                + "sqs:GetQueueAttributes and sqs:ListDeadLetterSourceQueues; nothing was moved";
    }

    private String findTarget() {
        List<String> sources = new ArrayList<>();
        sqs.listDeadLetterSourceQueuesPaginator(b -> b.queueUrl(config.dlqUrl()))
                .queueUrls().forEach(sources::add);
        if (sources.isEmpty()) {
            throw new DlqTargetNotFoundException(config.dlqUrl());
        }
        if (sources.size() > 1) {
            throw new DlqAmbiguousTargetException(config.dlqUrl(), sources);
        }
        return sources.get(0);
    }

    private void work() {
        while (!stopping) {
            int reserved = budget.reserve(Outgoing.MAX_BATCH_ENTRIES);
            if (reserved == 0) {
                if (budget.exhausted()) {
                    stop(StopReason.MAX_MESSAGES);
                    return;
                }
                budget.awaitChange();
                continue;
            }
            int used = 0;
            boolean handled = false;
            try {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    stop(StopReason.TIME_LIMIT);
                    return;
                }
                int waitSeconds = (int) Math.min(config.receiveWaitTime().toSeconds(),
                        TimeUnit.NANOSECONDS.toSeconds(remaining));
                List<Message> messages = receive(reserved, waitSeconds);
                if (messages == null) {
                    return;
                }
                List<Message> fresh = new ArrayList<>();
                List<String> seenAgain = new ArrayList<>();
                for (Message message : messages) {
                    if (parked.replace(message.messageId(), message.receiptHandle()) != null) {
                        seenAgain.add(message.receiptHandle());
                    } else {
                        fresh.add(message);
                    }
                }
                hideAgain(seenAgain);
                if (fresh.isEmpty()) {
                    return; // nothing this run has not seen: done
                }
                received.addAndGet(fresh.size());
                used = handle(fresh);
                handled = true;
            } finally {
                budget.settle(reserved, used);
                if (handled) {
                    safely(() -> config.listener().progress(progress()));
                }
            }
        }
    }

    /** Receives, retrying throttling and I/O failures; null when the run is over (aborted or interrupted). */
    private List<Message> receive(int max, int waitSeconds) {
        for (int attempt = 1; ; attempt++) {
            try {
                return sqs.receiveMessage(b -> b.queueUrl(config.dlqUrl()).maxNumberOfMessages(max)
                        .waitTimeSeconds(waitSeconds)
                        .visibilityTimeout((int) config.visibilityTimeout().toSeconds())
                        .messageAttributeNames("All")
                        .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID,
                                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                                MessageSystemAttributeName.SENT_TIMESTAMP)).messages();
            } catch (SdkException e) {
                if (!AwsErrors.isRetryable(e) || attempt >= RECEIVE_ATTEMPTS) {
                    abort(new AwsCallFailed("ReceiveMessage on the DLQ " + config.dlqUrl() + " failed: "
                            + SqsFailures.describe(e), e));
                    return null;
                }
                if (!backoff(attempt)) {
                    return null;
                }
            }
        }
    }

    /** Classifies fresh messages, sends what is to be sent; returns how many moved (or would move). */
    private int handle(List<Message> fresh) {
        List<Outgoing.Prepared> toSend = new ArrayList<>();
        int wouldMove = 0;
        for (Message message : fresh) {
            DlqMessage dlqMessage = toDlqMessage(message);
            if (dlqMessage.replayCount() >= config.maxReplayCount()) {
                kept.add(new NotMoved(message.messageId(), dlqMessage.originalMessageId(), "message "
                        + message.messageId() + " was replayed " + dlqMessage.replayCount() + " times already (limit "
                        + config.maxReplayCount() + "); it stays in the DLQ: fix what makes it fail, or raise the "
                        + "limit"));
                park(message);
                continue;
            }
            boolean matches;
            try {
                matches = config.filter().test(dlqMessage);
            } catch (RuntimeException e) {
                fail(message, dlqMessage, "the filter threw " + e + " on message " + message.messageId()
                        + "; it stays in the DLQ");
                continue;
            }
            if (!matches) {
                skipped.incrementAndGet();
                park(message);
                continue;
            }
            DlqMessage transformed;
            try {
                transformed = config.transform().apply(dlqMessage);
                if (transformed == null) {
                    throw new IllegalStateException("the transform returned null");
                }
                if (!transformed.messageId().equals(dlqMessage.messageId())) {
                    throw new IllegalStateException("the transform changed the message id to "
                            + transformed.messageId());
                }
            } catch (RuntimeException e) {
                fail(message, dlqMessage, "the transform failed on message " + message.messageId() + ": " + e
                        + "; it stays in the DLQ");
                continue;
            }
            Outgoing.Prepared prepared = Outgoing.prepare(dlqMessage, message.receiptHandle(), transformed, target,
                    targetFifo, config.maxBatchBytes());
            if (prepared.problem() != null) {
                fail(message, dlqMessage, prepared.problem());
                continue;
            }
            if (config.dryRun()) {
                wouldMove++;
                synchronized (samples) {
                    if (samples.size() < config.sampleSize()) {
                        samples.add(transformed.withMessageAttributes(prepared.attributes()));
                    }
                }
                park(message);
                continue;
            }
            toSend.add(prepared);
        }
        if (config.dryRun()) {
            moved.addAndGet(wouldMove);
            return wouldMove;
        }
        return toSend.isEmpty() ? 0 : send(toSend);
    }

    private int send(List<Outgoing.Prepared> toSend) {
        List<String> handles = new ArrayList<>();
        toSend.forEach(p -> handles.add(p.receiptHandle()));
        VisibilityKeeper.Held held = keeper.hold(handles);
        try {
            if (bucket != null) {
                try {
                    bucket.acquire(toSend.size());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop(StopReason.INTERRUPTED);
                    release(toSend);
                    return 0;
                }
            }
            if (archive != null) {
                try {
                    archive.append(toSend, target);
                } catch (DlqArchiveException e) {
                    abort(e);
                    release(toSend);
                    return 0;
                }
            }
            int sent = 0;
            for (List<Outgoing.Prepared> batch : Outgoing.pack(toSend, config.maxBatchBytes())) {
                sent += sendBatch(batch);
            }
            return sent;
        } finally {
            keeper.release(held);
        }
    }

    /** Sends one batch until every entry is sent or given up; deletes the sent ones; returns how many moved. */
    private int sendBatch(List<Outgoing.Prepared> batch) {
        List<Outgoing.Prepared> pending = batch;
        int movedHere = 0;
        String lastError = null;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (abortCause.get() != null) {
                release(pending);
                return movedHere;
            }
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            Map<String, Outgoing.Prepared> byId = new HashMap<>();
            for (int i = 0; i < pending.size(); i++) {
                Outgoing.Prepared message = pending.get(i);
                String id = Integer.toString(i);
                byId.put(id, message);
                // A new dedup id, so FIFO deduplication never swallows a replay of a message seen before; derived
                // from the DLQ message id, so resending the same DLQ message after a crash is deduplicated.
                entries.add(message.entry(id, targetFifo ? "s4j-replay-" + message.source().messageId() : null));
            }
            SendMessageBatchResponse response;
            try {
                response = sqs.sendMessageBatch(b -> b.queueUrl(target).entries(entries));
                consecutiveCallFailures.set(0);
            } catch (SdkException e) {
                lastError = SqsFailures.describe(e);
                if (SqsFailures.fatal(e)) {
                    abort(new AwsCallFailed("SendMessageBatch to " + target + " failed: " + lastError, e));
                    release(pending);
                    return movedHere;
                }
                if (!AwsErrors.isRetryable(e)) {
                    // The request itself was refused (e.g. too long): send one by one, so only the bad one fails.
                    if (pending.size() > 1) {
                        for (Outgoing.Prepared single : pending) {
                            movedHere += sendBatch(List.of(single));
                        }
                    } else {
                        giveUp(pending, "the target " + target + " refused message "
                                + pending.get(0).source().messageId() + ": " + lastError + "; it stays in the DLQ");
                    }
                    return movedHere;
                }
                if (consecutiveCallFailures.incrementAndGet() >= MAX_CONSECUTIVE_CALL_FAILURES) {
                    abort(new AwsCallFailed(MAX_CONSECUTIVE_CALL_FAILURES + " SendMessageBatch calls to " + target
                            + " failed in a row; last: " + lastError, e));
                    release(pending);
                    return movedHere;
                }
                if (attempt >= config.maxSendAttempts()) {
                    giveUp(pending, "SendMessageBatch to " + target + " failed " + attempt + " time(s), last: "
                            + lastError + "; the message stays in the DLQ: run the replay again later");
                    return movedHere;
                }
                if (!backoff(attempt)) {
                    release(pending);
                    return movedHere;
                }
                continue;
            }
            List<Outgoing.Prepared> sent = new ArrayList<>();
            for (SendMessageBatchResultEntry ok : response.successful()) {
                sent.add(byId.get(ok.id()));
            }
            movedHere += delete(sent);
            List<Outgoing.Prepared> again = new ArrayList<>();
            for (BatchResultErrorEntry error : response.failed()) {
                Outgoing.Prepared message = byId.get(error.id());
                String reason = error.code() + ": " + error.message();
                if (Boolean.TRUE.equals(error.senderFault())) {
                    giveUp(List.of(message), "the target " + target + " rejected message "
                            + message.source().messageId() + " (" + reason + "); it stays in the DLQ: fix it with a "
                            + "transform");
                } else if (attempt >= config.maxSendAttempts()) {
                    giveUp(List.of(message), "sending message " + message.source().messageId() + " to " + target
                            + " failed " + attempt + " time(s), last: " + reason + "; it stays in the DLQ: run the "
                            + "replay again later");
                } else {
                    again.add(message);
                }
            }
            pending = again;
            if (!pending.isEmpty() && !backoff(attempt)) {
                release(pending);
                return movedHere;
            }
        }
        return movedHere;
    }

    /** Deletes sent messages from the DLQ; returns how many were sent (they moved, deleted or not). */
    private int delete(List<Outgoing.Prepared> sent) {
        List<Outgoing.Prepared> pending = sent;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(pending.get(i).receiptHandle()).build());
            }
            List<Outgoing.Prepared> again = new ArrayList<>();
            try {
                DeleteMessageBatchResponse response = sqs.deleteMessageBatch(b -> b.queueUrl(config.dlqUrl())
                        .entries(entries));
                for (BatchResultErrorEntry error : response.failed()) {
                    Outgoing.Prepared message = pending.get(Integer.parseInt(error.id()));
                    if (Boolean.TRUE.equals(error.senderFault()) || attempt >= DELETE_ATTEMPTS) {
                        notDeleted(message, error.code() + ": " + error.message());
                    } else {
                        again.add(message);
                    }
                }
            } catch (SdkException e) {
                if (SqsFailures.fatal(e) || !AwsErrors.isRetryable(e) || attempt >= DELETE_ATTEMPTS) {
                    pending.forEach(m -> notDeleted(m, SqsFailures.describe(e)));
                    abort(new AwsCallFailed("DeleteMessageBatch on the DLQ " + config.dlqUrl() + " failed: "
                            + SqsFailures.describe(e) + " (" + pending.size() + " message(s) were sent to the target "
                            + "but are still in the DLQ and will be replayed again)", e));
                    break;
                }
                again = pending;
            }
            pending = again;
            if (!pending.isEmpty()) {
                backoff(attempt);
            }
        }
        moved.addAndGet(sent.size());
        return sent.size();
    }

    private void notDeleted(Outgoing.Prepared message, String reason) {
        failed.add(new NotMoved(message.source().messageId(), message.source().originalMessageId(), "message "
                + message.source().messageId() + " was sent to " + target + " but could not be deleted from the DLQ ("
                + reason + "); it will be replayed again, a duplicate: delete it from the DLQ by hand if unwanted"));
        parked.put(message.source().messageId(), "");
    }

    private void giveUp(List<Outgoing.Prepared> messages, String reason) {
        for (Outgoing.Prepared message : messages) {
            failed.add(new NotMoved(message.source().messageId(), message.source().originalMessageId(), reason));
            parked.put(message.source().messageId(), message.receiptHandle());
            if (archive != null) {
                try {
                    archive.appendNotMoved(message.source().messageId(), reason);
                } catch (DlqArchiveException e) {
                    abort(e);
                }
            }
        }
    }

    /** Messages taken on but neither sent nor given up (the run is stopping): visible again at the end. */
    private void release(List<Outgoing.Prepared> messages) {
        for (Outgoing.Prepared message : messages) {
            parked.put(message.source().messageId(), message.receiptHandle());
            if (archive != null) {
                try {
                    archive.appendNotMoved(message.source().messageId(), "not sent: the replay stopped");
                } catch (DlqArchiveException e) {
                    abort(e);
                }
            }
        }
    }

    private void fail(Message message, DlqMessage dlqMessage, String reason) {
        failed.add(new NotMoved(message.messageId(), dlqMessage.originalMessageId(), reason));
        park(message);
    }

    private void park(Message message) {
        parked.put(message.messageId(), message.receiptHandle());
    }

    private void hideAgain(List<String> receiptHandles) {
        if (receiptHandles.isEmpty()) {
            return;
        }
        int seconds = (int) Math.max(REPARK_VISIBILITY.toSeconds(), config.visibilityTimeout().toSeconds());
        changeVisibility(receiptHandles, seconds);
    }

    /** Makes every parked message visible again, so the DLQ is as it was apart from what moved. */
    private void releaseParked() {
        List<String> handles = new ArrayList<>();
        parked.values().forEach(h -> {
            if (!h.isEmpty()) {
                handles.add(h);
            }
        });
        changeVisibility(handles, 0);
    }

    private void changeVisibility(List<String> receiptHandles, int seconds) {
        for (int from = 0; from < receiptHandles.size(); from += Outgoing.MAX_BATCH_ENTRIES) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            List<String> chunk = receiptHandles.subList(from, Math.min(receiptHandles.size(),
                    from + Outgoing.MAX_BATCH_ENTRIES));
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i)).visibilityTimeout(seconds).build());
            }
            try {
                sqs.changeMessageVisibilityBatch(b -> b.queueUrl(config.dlqUrl()).entries(entries));
            } catch (SdkException e) {
                // They become visible when their visibility timeout ends instead; nothing is lost.
            }
        }
    }

    private static DlqMessage toDlqMessage(Message message) {
        Map<MessageSystemAttributeName, String> system = message.attributes();
        int receiveCount = 0;
        try {
            receiveCount = Integer.parseInt(system.getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                    "0"));
        } catch (NumberFormatException e) {
            // stays 0: unknown
        }
        Instant sent = null;
        try {
            String millis = system.get(MessageSystemAttributeName.SENT_TIMESTAMP);
            sent = millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis));
        } catch (NumberFormatException e) {
            // stays null: unknown
        }
        return new DlqMessage(message.messageId(), message.body() == null ? "" : message.body(),
                message.messageAttributes(), system.get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
                Math.max(0, receiveCount), sent);
    }

    /** Full-jitter exponential backoff: 0 to min(2 s, 100 ms × 2^attempt). False when interrupted. */
    private boolean backoff(int attempt) {
        long cap = Math.min(2000, 100L << Math.min(attempt, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(StopReason.INTERRUPTED);
            return false;
        }
    }

    private void stop(StopReason reason) {
        stopReason.compareAndSet(null, reason);
        stopping = true;
        if (budget != null) {
            budget.wakeAll();
        }
    }

    private void abort(RuntimeException cause) {
        abortCause.compareAndSet(null, cause);
        stop(StopReason.ABORTED);
    }

    private DlqReplayProgress progress() {
        return new DlqReplayProgress(received.get(), moved.get(), skipped.get(), failed.size(), kept.size(),
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private DlqReplayReport report(StopReason reason) {
        List<DlqMessage> sampleCopy;
        synchronized (samples) {
            sampleCopy = List.copyOf(samples);
        }
        return new DlqReplayReport(config.dlqUrl(), target, config.dryRun(), reason, received.get(), moved.get(),
                skipped.get(), List.copyOf(failed), List.copyOf(kept), sampleCopy,
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static void safely(Runnable listenerCall) {
        try {
            listenerCall.run();
        } catch (RuntimeException e) {
            // A broken listener must not stop a replay.
        }
    }

    /** An AWS call that failed for good; becomes the cause of {@link DlqReplayAbortedException}. */
    static final class AwsCallFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AwsCallFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Shares the max-messages budget among workers: reserve before receiving, settle with what moved. */
    static final class Budget {
        private long remaining;
        private int outstanding;

        Budget(long max) {
            this.remaining = max;
        }

        synchronized int reserve(int max) {
            int n = (int) Math.min(max, remaining);
            remaining -= n;
            if (n > 0) {
                outstanding++;
            }
            return n;
        }

        synchronized void settle(int reserved, int used) {
            if (reserved == 0) {
                return;
            }
            remaining += reserved - used;
            outstanding--;
            notifyAll();
        }

        synchronized boolean exhausted() {
            return remaining == 0 && outstanding == 0;
        }

        synchronized void awaitChange() {
            try {
                wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized void wakeAll() {
            notifyAll();
        }
    }

    private static final class WorkerThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread thread = new Thread(r, "dlq-replay-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
