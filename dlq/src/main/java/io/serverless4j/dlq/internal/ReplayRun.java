/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.internal;

import io.serverless4j.core.Invocation;
import io.serverless4j.core.MdcScope;
import io.serverless4j.dlq.DlqAmbiguousTargetException;
import io.serverless4j.dlq.DlqArchiveException;
import io.serverless4j.dlq.DlqMessage;
import io.serverless4j.dlq.DlqReplayAbortedException;
import io.serverless4j.dlq.DlqReplayProgress;
import io.serverless4j.dlq.DlqReplayReport;
import io.serverless4j.dlq.DlqReplayReport.NotMoved;
import io.serverless4j.dlq.DlqReplayReport.StopReason;
import io.serverless4j.dlq.DlqReplayer;
import io.serverless4j.dlq.DlqTargetNotFoundException;
import io.serverless4j.retry.Attempt;
import io.serverless4j.retry.AwsErrors;
import io.serverless4j.retry.DeadlineExceededException;
import io.serverless4j.retry.EntriesResult;
import io.serverless4j.retry.EntriesResult.FailedEntry;
import io.serverless4j.retry.EntryFailure;
import io.serverless4j.retry.RetriesExhaustedException;
import io.serverless4j.retry.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.ListDeadLetterSourceQueuesResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * One replay: resolves the target, runs the workers, and builds the report. Used once, by one
 * {@code DlqReplayer.replay} call.
 *
 * <p>Each worker loops: receive up to 10 (long polling) → classify each message (already seen, over the replay
 * limit, filtered out, transform or limit failure, dry-run sample, or to send) → take rate-limit tokens → archive →
 * SendMessageBatch (size-packed) → DeleteMessageBatch of exactly the entries that were sent. Every SQS call goes
 * through the configured {@link RetryPolicy} with the invocation, so retries, backoff and the deadline are the
 * policy's; {@link ReplayDeadline} decides when no new batch may start.
 *
 * <p>Messages the run does not move ("parked": filtered out, over the limit, failed, left when the run stopped, and
 * every message in a dry run) stay invisible until the run ends and are then made visible again
 * (ChangeMessageVisibility 0), so the run sees each message once and ends when a receive brings nothing new. A
 * worker stops after such a receive.
 */
public final class ReplayRun {

    private static final Logger LOG = LoggerFactory.getLogger(DlqReplayer.class);

    /**
     * After this many SendMessageBatch calls in a row fail as a whole with a server error or a network failure, the
     * target is taken to be down and the run stops. Throttling does not count: the policy's throttling backoff
     * slows down instead.
     */
    private static final int MAX_CONSECUTIVE_CALL_FAILURES = 10;
    /** How long a parked message seen a second time is hidden, so it does not keep coming back in a long run. */
    private static final Duration REPARK_VISIBILITY = Duration.ofMinutes(15);

    private static final String RECEIVE = "SQS ReceiveMessage";
    private static final String SEND = "SQS SendMessageBatch";
    private static final String DELETE = "SQS DeleteMessageBatch";
    private static final String CHANGE_VISIBILITY = "SQS ChangeMessageVisibilityBatch";

    /** What a send attempt found out about an entry beyond its error code. */
    private enum SendNote {
        /** The target rejected the entry itself (sender fault): sending it again cannot help. */
        REJECTED,
        /** The request was refused as a whole with an error no retry fixes: send its entries one by one. */
        REFUSED_WHOLE,
        /** The run was aborted: the entry was not sent. */
        STOPPED,
        /** The request timed out: the entry may have reached the target. */
        MAYBE_SENT
    }

    private final ReplayConfig config;
    private final SqsClient sqs;
    private final RetryPolicy policy;
    private final Invocation invocation;
    private final ReplayDeadline deadline;
    /** For the report's elapsed time only; deadlines are the invocation's. */
    private final long startNanos = System.nanoTime();

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
    private final ConcurrentLinkedQueue<NotMoved> left = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<NotMoved> sentNotDeleted = new ConcurrentLinkedQueue<>();
    private final List<DlqMessage> samples = new ArrayList<>();
    /** Message id → current receipt handle ("" when it must not be made visible) of messages this run won't move. */
    private final Map<String, String> parked = new ConcurrentHashMap<>();
    private final AtomicInteger consecutiveCallFailures = new AtomicInteger();
    private final AtomicReference<StopReason> stopReason = new AtomicReference<>();
    private final AtomicReference<RuntimeException> abortCause = new AtomicReference<>();
    private volatile boolean stopping;
    /** An SQS call reported the deadline: nothing more is sent (a batch already received is left, not sent). */
    private volatile boolean deadlineCame;

    /**
     * Prepares a run.
     *
     * @param config the configuration
     * @param invocation the invocation whose deadline bounds the run ({@link Invocation#none()} outside Lambda)
     */
    public ReplayRun(ReplayConfig config, Invocation invocation) {
        this.config = config;
        this.sqs = config.sqs();
        this.policy = config.retryPolicy();
        this.invocation = invocation;
        this.deadline = new ReplayDeadline(invocation, config.timeLimit(), policy.safetyMargin());
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
        try (MdcScope mdc = MdcScope.open(invocation)) {
            return runInScope();
        }
    }

    private DlqReplayReport runInScope() {
        long approximate;
        try {
            approximate = approximateMessages();
            target = config.targetQueueUrl() != null ? config.targetQueueUrl() : findTarget();
            if (config.targetQueueUrl() != null) {
                // Fail before receiving anything when the target does not exist or cannot be read.
                policy.call("SQS GetQueueAttributes", invocation, attempt -> sqs.getQueueAttributes(b -> b
                        .queueUrl(target).attributeNames(QueueAttributeName.QUEUE_ARN)
                        .overrideConfiguration(attempt.overrideConfiguration())));
            }
        } catch (DeadlineExceededException e) {
            stop(StopReason.DEADLINE);
            LOG.info("DLQ replay of {} did not start: {}", config.dlqUrl(), e.getMessage());
            return report(StopReason.DEADLINE);
        } catch (SdkException | RetriesExhaustedException e) {
            throw new DlqReplayAbortedException(startMessage(e), report(StopReason.ABORTED), e);
        }
        targetFifo = target.endsWith(".fifo");
        budget = new Budget(config.maxMessages());
        bucket = config.maxMessagesPerSecond() > 0 ? TokenBucket.forRate(config.maxMessagesPerSecond()) : null;
        if (config.archive() != null) {
            archive = ArchiveWriter.open(config.archive());
        }
        keeper = new VisibilityKeeper(sqs, config.dlqUrl(), config.visibilityTimeout(), policy, invocation);
        LOG.debug("DLQ replay {} -> {} started (about {} messages)", config.dlqUrl(), target, approximate);
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
                        abort(new RunFailed("a DLQ replay worker failed: " + e.getCause(), e.getCause()));
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
        RuntimeException cause = abortCause.get();
        DlqReplayReport report = report(cause != null ? StopReason.ABORTED
                : stopReason.get() == null ? StopReason.EMPTY : stopReason.get());
        logEnd(report);
        safely(() -> config.listener().finished(report));
        if (cause instanceof DlqArchiveException archiveFailure) {
            throw archiveFailure;
        }
        if (cause != null) {
            throw new DlqReplayAbortedException(cause.getMessage() + "; moved " + report.moved() + " before the "
                    + "stop; nothing was lost: fix the cause and run the replay again", report, cause);
        }
        return report;
    }

    private long approximateMessages() {
        String count = policy.call("SQS GetQueueAttributes", invocation, attempt -> sqs.getQueueAttributes(b -> b
                .queueUrl(config.dlqUrl()).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                .overrideConfiguration(attempt.overrideConfiguration()))).attributes()
                .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0");
        try {
            return Long.parseLong(count);
        } catch (NumberFormatException e) {
            return 0; // only shown as progress
        }
    }

    private String startMessage(Exception e) {
        String queue = target == null ? config.dlqUrl() : target;
        return "cannot start the replay of " + config.dlqUrl() + ": " + SqsFailures.describe(e) + " (queue " + queue
                + "); check that the queue URL, the region and the credentials are right and that they allow "
                + "sqs:GetQueueAttributes and sqs:ListDeadLetterSourceQueues; nothing was moved";
    }

    private String findTarget() {
        List<String> sources = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListDeadLetterSourceQueuesResponse page = policy.call("SQS ListDeadLetterSourceQueues", invocation,
                    attempt -> sqs.listDeadLetterSourceQueues(b -> b.queueUrl(config.dlqUrl()).nextToken(next)
                            .overrideConfiguration(attempt.overrideConfiguration())));
            sources.addAll(page.queueUrls());
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        if (sources.isEmpty()) {
            throw new DlqTargetNotFoundException(config.dlqUrl());
        }
        if (sources.size() > 1) {
            throw new DlqAmbiguousTargetException(config.dlqUrl(), sources);
        }
        return sources.get(0);
    }

    private void work() {
        try (MdcScope mdc = MdcScope.open(invocation)) {
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
                    StopReason refused = deadline.refuseBatch(config.receiveWaitTime());
                    if (refused != null) {
                        stop(refused);
                        return;
                    }
                    List<Message> messages = receive(reserved, deadline.receiveWaitSeconds(config.receiveWaitTime()));
                    if (messages == null) {
                        return;
                    }
                    long batchStart = deadline.nanoTime();
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
                    deadline.batchTook(deadline.nanoTime() - batchStart);
                } finally {
                    budget.settle(reserved, used);
                    if (handled) {
                        safely(() -> config.listener().progress(progress()));
                    }
                }
            }
        }
    }

    /** Receives through the policy; null when the run is over (the deadline, or a failure that aborts it). */
    private List<Message> receive(int max, int waitSeconds) {
        try {
            return policy.call(RECEIVE, invocation, attempt -> sqs.receiveMessage(b -> b.queueUrl(config.dlqUrl())
                    .maxNumberOfMessages(max)
                    .waitTimeSeconds(waitSeconds)
                    .visibilityTimeout((int) config.visibilityTimeout().toSeconds())
                    .messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID,
                            MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                            MessageSystemAttributeName.SENT_TIMESTAMP)
                    .overrideConfiguration(attempt.overrideConfiguration()))).messages();
        } catch (DeadlineExceededException e) {
            // A receive cut off at the deadline may have taken messages that this run never saw: they become
            // visible again after the visibility timeout, nothing is lost.
            LOG.debug("DLQ receive stopped at the deadline: {}", e.getMessage());
            deadlineCame();
            return null;
        } catch (SdkException | RetriesExhaustedException e) {
            abort(new AwsCallFailed("ReceiveMessage on the DLQ " + config.dlqUrl() + " failed: "
                    + SqsFailures.describe(e), e));
            return null;
        }
    }

    /** Classifies fresh messages, sends what is to be sent; returns how many moved (or would move). */
    private int handle(List<Message> fresh) {
        List<Outgoing.Prepared> toSend = new ArrayList<>();
        int wouldMove = 0;
        for (Message message : fresh) {
            DlqMessage dlqMessage = toDlqMessage(message);
            if (dlqMessage.replayCount() >= config.maxReplayCount()) {
                String reason = "message " + message.messageId() + " was replayed " + dlqMessage.replayCount()
                        + " times already (limit " + config.maxReplayCount() + "); it stays in the DLQ: fix what "
                        + "makes it fail, or raise the limit";
                kept.add(new NotMoved(message.messageId(), dlqMessage.originalMessageId(), reason));
                log(false, message.messageId(), "kept over the replay limit", reason);
                park(message);
                continue;
            }
            boolean matches;
            try {
                matches = config.filter().test(dlqMessage);
            } catch (RuntimeException e) {
                fail(message, dlqMessage, "the filter threw " + e + " on message " + message.messageId()
                        + "; it stays in the DLQ", "the filter threw " + e.getClass().getName());
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
            } catch (RuntimeException e) {
                fail(message, dlqMessage, "the transform failed on message " + message.messageId() + ": " + e
                        + "; it stays in the DLQ", "the transform threw " + e.getClass().getName());
                continue;
            }
            String problem = transformed == null ? "the transform returned null"
                    : !transformed.messageId().equals(dlqMessage.messageId())
                            ? "the transform changed the message id to " + transformed.messageId() : null;
            if (problem != null) {
                String reason = "the transform failed on message " + message.messageId() + ": " + problem
                        + "; it stays in the DLQ";
                fail(message, dlqMessage, reason, reason);
                continue;
            }
            Outgoing.Prepared prepared = Outgoing.prepare(dlqMessage, message.receiptHandle(), transformed, target,
                    targetFifo, config.maxBatchBytes());
            if (prepared.problem() != null) {
                fail(message, dlqMessage, prepared.problem(), prepared.problem());
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
                long waited;
                try {
                    waited = bucket.tryAcquire(toSend.size(), deadline.rateWaitLimitNanos());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop(StopReason.INTERRUPTED);
                    leave(toSend, "not sent: the replay was interrupted while it waited for the rate limit");
                    return 0;
                }
                if (waited < 0) {
                    deadlineCame();
                    leave(toSend, "not sent: the rate limit's wait would not end before the Lambda deadline less "
                            + "the safety margin");
                    return 0;
                }
            }
            if (archive != null) {
                try {
                    archive.append(toSend, target);
                } catch (DlqArchiveException e) {
                    abort(e);
                    leave(toSend, "not sent: the archive could not be written");
                    return 0;
                }
            }
            int sent = 0;
            for (List<Outgoing.Prepared> batch : Outgoing.pack(toSend, config.maxBatchBytes())) {
                if (hardStopped()) {
                    leave(batch, "not sent: " + whyStopped());
                } else {
                    sent += sendBatch(batch);
                }
            }
            return sent;
        } finally {
            keeper.release(held);
        }
    }

    /** Whether the run must not send anything more: it was aborted, or an SQS call met the deadline. */
    private boolean hardStopped() {
        return abortCause.get() != null || deadlineCame;
    }

    private String whyStopped() {
        RuntimeException cause = abortCause.get();
        if (cause != null) {
            return "the replay was aborted (" + cause.getMessage() + ")";
        }
        return "the Lambda deadline less the safety margin left no time to send it";
    }

    /**
     * Sends one batch through the policy (entries that fail for a reason that may pass are sent again), deletes
     * from the DLQ exactly the entries that were sent, and sorts the others into failed, left and sent-not-deleted.
     *
     * @return how many moved (sent and deleted)
     */
    private int sendBatch(List<Outgoing.Prepared> batch) {
        Map<Outgoing.Prepared, SendNote> notes = Collections.synchronizedMap(new IdentityHashMap<>());
        EntriesResult<Outgoing.Prepared> result = policy.callEntries(SEND, deadline.forSend(), batch,
                (pending, attempt) -> sendOnce(pending, attempt, notes));
        Set<Outgoing.Prepared> notSent = Collections.newSetFromMap(new IdentityHashMap<>());
        result.failed().forEach(f -> notSent.add(f.entry()));
        List<Outgoing.Prepared> sent = new ArrayList<>();
        for (Outgoing.Prepared message : batch) {
            if (!notSent.contains(message)) {
                sent.add(message);
            }
        }
        int movedHere = sent.isEmpty() ? 0 : delete(sent);
        List<FailedEntry<Outgoing.Prepared>> refusedWhole = new ArrayList<>();
        for (FailedEntry<Outgoing.Prepared> failure : result.failed()) {
            Outgoing.Prepared message = failure.entry();
            String id = message.source().messageId();
            String error = failure.errorCode() + ": " + failure.errorMessage();
            SendNote note = notes.get(message);
            if (note == SendNote.MAYBE_SENT) {
                if (RetryPolicy.DEADLINE_ERROR_CODE.equals(failure.errorCode())) {
                    deadlineCame();
                }
                notDeleted(message, "message " + id + " may have been sent to " + target + ": the SendMessageBatch "
                        + "request was cut off (" + error + "), so it was not deleted from the DLQ; the next replay "
                        + "sends it again, a possible duplicate");
            } else if (RetryPolicy.DEADLINE_ERROR_CODE.equals(failure.errorCode())) {
                deadlineCame();
                leave(List.of(message), "not sent (" + failure.errorMessage() + "); it stays in the DLQ for the "
                        + "next replay");
            } else if (note == SendNote.STOPPED) {
                leave(List.of(message), "not sent: " + whyStopped());
            } else if (note == SendNote.REJECTED) {
                giveUp(List.of(message), "the target " + target + " rejected message " + id + " (" + error
                        + "); it stays in the DLQ: fix it with a transform");
            } else if (note == SendNote.REFUSED_WHOLE) {
                refusedWhole.add(failure);
            } else {
                giveUp(List.of(message), "sending message " + id + " to " + target + " failed "
                        + failure.attempts() + " time(s), last: " + error + "; it stays in the DLQ: run the replay "
                        + "again later");
            }
        }
        if (refusedWhole.size() == 1) {
            FailedEntry<Outgoing.Prepared> only = refusedWhole.get(0);
            giveUp(List.of(only.entry()), "the target " + target + " refused message "
                    + only.entry().source().messageId() + ": " + only.errorCode() + ": " + only.errorMessage()
                    + "; it stays in the DLQ");
        } else {
            // The request itself was refused (e.g. too long): send one by one, so only the bad one fails.
            for (FailedEntry<Outgoing.Prepared> single : refusedWhole) {
                if (hardStopped()) {
                    leave(List.of(single.entry()), "not sent: " + whyStopped());
                } else {
                    movedHere += sendBatch(List.of(single.entry()));
                }
            }
        }
        return movedHere;
    }

    /** One SendMessageBatch request, as the policy's {@code callEntries} makes it. */
    private List<EntryFailure<Outgoing.Prepared>> sendOnce(List<Outgoing.Prepared> pending, Attempt attempt,
            Map<Outgoing.Prepared, SendNote> notes) {
        // What an earlier attempt learnt is replaced by this one's answer, except that a timed-out request may have
        // delivered its entries: that stays known.
        pending.forEach(p -> notes.computeIfPresent(p, (entry, note) -> note == SendNote.MAYBE_SENT ? note : null));
        if (abortCause.get() != null) {
            return failAll(pending, "serverless4j.ReplayAborted", "the replay was aborted", SendNote.STOPPED, notes);
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            Outgoing.Prepared message = pending.get(i);
            // A new dedup id, so FIFO deduplication never swallows a replay of a message seen before; derived from
            // the DLQ message id, so resending the same DLQ message after a crash is deduplicated.
            entries.add(message.entry(Integer.toString(i),
                    targetFifo ? "s4j-replay-" + message.source().messageId() : null));
        }
        SendMessageBatchResponse response;
        try {
            response = sqs.sendMessageBatch(b -> b.queueUrl(target).entries(entries)
                    .overrideConfiguration(attempt.overrideConfiguration()));
        } catch (SdkException e) {
            if (SqsFailures.timedOut(e)) {
                pending.forEach(p -> notes.put(p, SendNote.MAYBE_SENT));
                throw e;
            }
            String description = SqsFailures.describe(e);
            if (SqsFailures.fatal(e)) {
                abort(new AwsCallFailed("SendMessageBatch to " + target + " failed: " + description, e));
                return failAll(pending, code(e), description, SendNote.STOPPED, notes);
            }
            if (!AwsErrors.isThrottling(e)
                    && consecutiveCallFailures.incrementAndGet() >= MAX_CONSECUTIVE_CALL_FAILURES) {
                abort(new AwsCallFailed(MAX_CONSECUTIVE_CALL_FAILURES + " SendMessageBatch calls to " + target
                        + " failed in a row; last: " + description, e));
                return failAll(pending, code(e), description, SendNote.STOPPED, notes);
            }
            if (!AwsErrors.isRetryable(e)) {
                return failAll(pending, code(e), description, SendNote.REFUSED_WHOLE, notes);
            }
            throw e;
        }
        consecutiveCallFailures.set(0);
        List<EntryFailure<Outgoing.Prepared>> failures = new ArrayList<>();
        for (BatchResultErrorEntry error : response.failed()) {
            Outgoing.Prepared message = pending.get(Integer.parseInt(error.id()));
            boolean retryable = true;
            if (SqsFailures.fatalCode(error.code())) {
                abort(new AwsCallFailed("SendMessageBatch to " + target + " failed: " + error.code() + ": "
                        + error.message(), null));
                note(notes, message, SendNote.STOPPED);
                retryable = false;
            } else if (Boolean.TRUE.equals(error.senderFault())) {
                note(notes, message, SendNote.REJECTED);
                retryable = false;
            }
            failures.add(new EntryFailure<>(message, error.code(), error.message(), retryable));
        }
        return failures;
    }

    private static List<EntryFailure<Outgoing.Prepared>> failAll(List<Outgoing.Prepared> pending, String code,
            String message, SendNote note, Map<Outgoing.Prepared, SendNote> notes) {
        List<EntryFailure<Outgoing.Prepared>> failures = new ArrayList<>(pending.size());
        for (Outgoing.Prepared p : pending) {
            note(notes, p, note);
            failures.add(new EntryFailure<>(p, code, message, false));
        }
        return failures;
    }

    /** Notes what a send found out about an entry; that it may have been delivered is never forgotten. */
    private static void note(Map<Outgoing.Prepared, SendNote> notes, Outgoing.Prepared entry, SendNote note) {
        notes.merge(entry, note, (old, now) -> old == SendNote.MAYBE_SENT ? old : now);
    }

    private static String code(Exception e) {
        String description = SqsFailures.describe(e);
        int colon = description.indexOf(':');
        return colon < 0 ? description : description.substring(0, colon);
    }

    /**
     * Deletes sent messages from the DLQ through the policy; the ones it cannot delete are reported as sent but not
     * deleted. A delete that fails as a whole for good aborts the run.
     *
     * @return how many were deleted (moved)
     */
    private int delete(List<Outgoing.Prepared> sent) {
        AtomicReference<Exception> wholeFailure = new AtomicReference<>();
        EntriesResult<Outgoing.Prepared> result = policy.callEntries(DELETE, invocation, sent, (pending, attempt) -> {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(pending.size());
            for (int i = 0; i < pending.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(pending.get(i).receiptHandle()).build());
            }
            DeleteMessageBatchResponse response;
            try {
                response = sqs.deleteMessageBatch(b -> b.queueUrl(config.dlqUrl()).entries(entries)
                        .overrideConfiguration(attempt.overrideConfiguration()));
            } catch (SdkException e) {
                wholeFailure.set(e);
                if (SqsFailures.fatal(e)) {
                    List<EntryFailure<Outgoing.Prepared>> all = new ArrayList<>();
                    pending.forEach(p -> all.add(new EntryFailure<>(p, code(e), SqsFailures.describe(e), false)));
                    return all;
                }
                throw e;
            }
            wholeFailure.set(null);
            List<EntryFailure<Outgoing.Prepared>> failures = new ArrayList<>();
            for (BatchResultErrorEntry error : response.failed()) {
                failures.add(new EntryFailure<>(pending.get(Integer.parseInt(error.id())), error.code(),
                        error.message(), !Boolean.TRUE.equals(error.senderFault())));
            }
            return failures;
        });
        int deleted = sent.size() - result.failed().size();
        moved.addAndGet(deleted);
        boolean deadlineHit = false;
        for (FailedEntry<Outgoing.Prepared> failure : result.failed()) {
            String id = failure.entry().source().messageId();
            if (RetryPolicy.DEADLINE_ERROR_CODE.equals(failure.errorCode())) {
                deadlineHit = true;
                notDeleted(failure.entry(), "message " + id + " was sent to " + target + " but the Lambda deadline "
                        + "came before its delete from the DLQ (" + failure.errorMessage() + "); the next replay "
                        + "sends it again, a duplicate: delete it from the DLQ by hand if unwanted");
            } else {
                notDeleted(failure.entry(), "message " + id + " was sent to " + target + " but could not be deleted "
                        + "from the DLQ (" + failure.errorCode() + ": " + failure.errorMessage() + "); the next "
                        + "replay sends it again, a duplicate: delete it from the DLQ by hand if unwanted");
            }
        }
        Exception whole = wholeFailure.get();
        if (deadlineHit) {
            deadlineCame();
        } else if (whole != null && !result.failed().isEmpty()) {
            abort(new AwsCallFailed("DeleteMessageBatch on the DLQ " + config.dlqUrl() + " failed: "
                    + SqsFailures.describe(whole) + " (" + result.failed().size() + " message(s) were sent to the "
                    + "target but are still in the DLQ and will be replayed again)", whole));
        }
        return deleted;
    }

    private void notDeleted(Outgoing.Prepared message, String reason) {
        sentNotDeleted.add(new NotMoved(message.source().messageId(), message.source().originalMessageId(), reason));
        // Not made visible at the end: it is in the target already; it comes back after its visibility timeout.
        parked.put(message.source().messageId(), "");
        log(true, message.source().messageId(), "sent but not deleted", reason);
    }

    private void giveUp(List<Outgoing.Prepared> messages, String reason) {
        for (Outgoing.Prepared message : messages) {
            failed.add(new NotMoved(message.source().messageId(), message.source().originalMessageId(), reason));
            parked.put(message.source().messageId(), message.receiptHandle());
            log(true, message.source().messageId(), "not moved", reason);
            archiveNotMoved(message, reason);
        }
    }

    /** Messages taken on but not sent because the run is stopping: visible again at the end. */
    private void leave(List<Outgoing.Prepared> messages, String reason) {
        for (Outgoing.Prepared message : messages) {
            left.add(new NotMoved(message.source().messageId(), message.source().originalMessageId(), reason));
            parked.put(message.source().messageId(), message.receiptHandle());
            LOG.debug("message {} left in the DLQ: {}", message.source().messageId(), reason);
            archiveNotMoved(message, reason);
        }
    }

    private void archiveNotMoved(Outgoing.Prepared message, String reason) {
        if (archive != null) {
            try {
                archive.appendNotMoved(message.source().messageId(), reason);
            } catch (DlqArchiveException e) {
                abort(e);
            }
        }
    }

    private void fail(Message message, DlqMessage dlqMessage, String reason, String logText) {
        failed.add(new NotMoved(message.messageId(), dlqMessage.originalMessageId(), reason));
        log(true, message.messageId(), "not moved", logText);
        park(message);
    }

    private void park(Message message) {
        parked.put(message.messageId(), message.receiptHandle());
    }

    /**
     * Logs what happened to one message, with its id in the MDC; the text never holds a message body.
     *
     * @param warn WARN rather than INFO
     */
    private static void log(boolean warn, String messageId, String what, String text) {
        if (warn ? !LOG.isWarnEnabled() : !LOG.isInfoEnabled()) {
            return;
        }
        try (MdcScope mdc = MdcScope.open().put(MdcScope.MESSAGE_ID, messageId)) {
            if (warn) {
                LOG.warn("DLQ message {} {}: {}", messageId, what, text);
            } else {
                LOG.info("DLQ message {} {}: {}", messageId, what, text);
            }
        }
    }

    private void logEnd(DlqReplayReport report) {
        if (report.stopReason() == StopReason.DEADLINE) {
            LOG.info("DLQ replay of {} stopped at the Lambda deadline: moved {}, {} left unsent in the DLQ, {} sent "
                    + "but not deleted (sent again by the next replay)", report.dlqUrl(), report.moved(),
                    report.left().size(), report.sentNotDeleted().size());
        } else {
            LOG.debug("DLQ replay of {} ended ({}): received {}, moved {}, skipped {}, failed {}, kept {}, left {}, "
                    + "sent but not deleted {}", report.dlqUrl(), report.stopReason(), report.received(),
                    report.moved(), report.skippedByFilter(), report.failed().size(),
                    report.keptOverReplayLimit().size(), report.left().size(), report.sentNotDeleted().size());
        }
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
            List<String> chunk = receiptHandles.subList(from, Math.min(receiptHandles.size(),
                    from + Outgoing.MAX_BATCH_ENTRIES));
            EntriesResult<String> result = changeVisibility(sqs, config.dlqUrl(), policy, invocation, chunk,
                    seconds);
            if (!result.allSucceeded()) {
                // They become visible when their visibility timeout ends instead; nothing is lost.
                LOG.debug("{} DLQ message(s) keep their visibility timeout: {}", result.failed().size(),
                        result.failed().get(0).errorMessage());
            }
        }
    }

    /**
     * One ChangeMessageVisibilityBatch (at most 10 handles) through the policy; entries it cannot change (e.g.
     * deleted already) are in the result, never thrown.
     *
     * @param sqs the client
     * @param queueUrl the DLQ
     * @param policy the retry policy
     * @param invocation the invocation whose deadline bounds the call
     * @param receiptHandles the handles
     * @param seconds the new visibility timeout
     * @return what failed
     */
    static EntriesResult<String> changeVisibility(SqsClient sqs, String queueUrl, RetryPolicy policy,
            Invocation invocation, List<String> receiptHandles, int seconds) {
        return policy.callEntries(CHANGE_VISIBILITY, invocation, receiptHandles, (pending, attempt) -> {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>(pending.size());
            for (int i = 0; i < pending.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(pending.get(i)).visibilityTimeout(seconds).build());
            }
            List<EntryFailure<String>> failures = new ArrayList<>();
            for (BatchResultErrorEntry error : sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl)
                    .entries(entries).overrideConfiguration(attempt.overrideConfiguration())).failed()) {
                failures.add(new EntryFailure<>(pending.get(Integer.parseInt(error.id())), error.code(),
                        error.message(), !Boolean.TRUE.equals(error.senderFault())));
            }
            return failures;
        });
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

    private void stop(StopReason reason) {
        stopReason.compareAndSet(null, reason);
        stopping = true;
        if (budget != null) {
            budget.wakeAll();
        }
    }

    private void deadlineCame() {
        deadlineCame = true;
        stop(StopReason.DEADLINE);
    }

    private void abort(RuntimeException cause) {
        if (abortCause.compareAndSet(null, cause)) {
            LOG.warn("DLQ replay of {} is stopping: {}", config.dlqUrl(), cause.getMessage());
        }
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
                skipped.get(), List.copyOf(failed), List.copyOf(kept), List.copyOf(left), List.copyOf(sentNotDeleted),
                sampleCopy, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static void safely(Runnable listenerCall) {
        try {
            listenerCall.run();
        } catch (RuntimeException e) {
            // A broken listener must not stop a replay.
            LOG.warn("a DlqReplayListener failed; ignored", e);
        }
    }

    /** An AWS call that failed for good; becomes the cause of {@link DlqReplayAbortedException}. */
    static final class AwsCallFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        AwsCallFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A worker that failed unexpectedly; becomes the cause of {@link DlqReplayAbortedException}. */
    static final class RunFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RunFailed(String message, Throwable cause) {
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

    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread thread = new Thread(r, "dlq-replay-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
