/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.batch;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverless4j.batch.SqsBatchResult.Reason;
import io.serverless4j.batch.SqsBatchResult.RecordFailure;
import io.serverless4j.core.CheckedRunnable;
import io.serverless4j.core.Invocation;
import io.serverless4j.core.MdcScope;
import io.serverless4j.core.Ticker;
import io.serverless4j.events.BatchResponse;
import io.serverless4j.events.sqs.SqsEvent;
import io.serverless4j.events.sqs.SqsMessage;
import io.serverless4j.events.sqs.SqsMessageAttribute;
import io.serverless4j.retry.Backoff;
import io.serverless4j.retry.EntriesResult;
import io.serverless4j.retry.EntryFailure;
import io.serverless4j.retry.RetryException;
import io.serverless4j.retry.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;

/**
 * Runs a handler for each record of an SQS batch and builds the partial-batch response
 * ({@code ReportBatchItemFailures}), so that only the records that were not done come back.
 *
 * <pre>{@code
 * static final SqsBatchProcessor BATCH = SqsBatchProcessor.builder().build();
 *
 * public BatchResponse handle(SqsEvent event, Context context) {
 *     return BATCH.process(event, context, (message, ctx) -> orders.accept(message.body(Order.class))).response();
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Sequential by default; parallel on an {@link Executor} when one is given. Outcomes are collected per record
 *       index, so the response names exactly the records that were not done, whatever the interleaving.
 *   <li>Whatever a handler throws, an {@link Error} included, is that record's failure: it never escapes
 *       {@code process}, so records that succeeded are never handed back to be run again. After an error that makes
 *       running on unsafe ({@code OutOfMemoryError}, {@code InternalError}, {@code UnknownError}) no further record
 *       is started; they are reported ({@link Reason#STOPPED_AFTER_FATAL_ERROR}). Work an executor refuses is
 *       reported not started ({@link Reason#REJECTED_BY_EXECUTOR}).
 *   <li>FIFO queues: after a failure only the remaining records <em>of that message group</em> are skipped (and
 *       reported, to keep the group's order); other groups go on. With an executor, groups run in parallel and each
 *       group's records in order.
 *   <li>Near the Lambda deadline (remaining time less the safety margin) no record is started, and with an executor
 *       the processor stops waiting: those records are reported, so Lambda gets a response instead of a timeout that
 *       would redeliver the whole batch. {@code process} returns before the deadline less the margin: the
 *       redelivery backoff's calls are bounded by the same margin, and skipped when no time is left.
 *   <li>Optional redelivery backoff: failed records get a visibility timeout from their
 *       {@code ApproximateReceiveCount} instead of the queue's fixed one, rounded <em>up</em> to whole seconds (SQS
 *       counts visibility in seconds; a wait is never shorter than the backoff asked for) and at most 12 hours.
 *   <li>A {@link RecordDecorator} wraps every record, e.g. per-record idempotency:
 *       {@code .decorator(IDEMPOTENCY::oncePerMessage)}.
 *   <li>Each record runs with the invocation's MDC keys, its {@code messageId}, and its {@code correlationId}
 *       message attribute as the correlation id when it has one. The deadline, the waits and the time measured run
 *       on the context's clock ({@link io.serverless4j.core.Ticker}), so tests can drive them on a fake one.
 * </ul>
 * Immutable and thread-safe; hold it in a {@code static final} field.
 */
public final class SqsBatchProcessor {

    /** SQS's longest visibility timeout. */
    public static final Duration MAX_VISIBILITY_TIMEOUT = Duration.ofHours(12);
    /** The message attribute a record's correlation id is read from. */
    public static final String CORRELATION_ID_ATTRIBUTE = "correlationId";

    private static final Logger LOG = LoggerFactory.getLogger(SqsBatchProcessor.class);
    private static final int CHANGE_VISIBILITY_BATCH = 10;
    private static final long MAX_VISIBILITY_SECONDS = MAX_VISIBILITY_TIMEOUT.toSeconds();
    /** How long a wait for parallel lanes lasts at most before the clock is looked at again (fake clocks). */
    private static final long WAIT_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private static final int PENDING = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;
    private static final int ABANDONED = 3;

    /** Processes one record; throwing reports the record as failed. */
    @FunctionalInterface
    public interface RecordHandler {
        /**
         * Processes one record.
         *
         * @param message the record
         * @param context the Lambda context (may be null outside Lambda)
         * @throws Exception to report the record as failed
         */
        void handle(SqsMessage message, Context context) throws Exception;
    }

    /**
     * Wraps the processing of every record, e.g. to make it idempotent or to add logging context. Its shape uses
     * only core and events types, so other modules can offer one as a method reference
     * ({@code Idempotency::oncePerMessage}) without depending on this module.
     */
    @FunctionalInterface
    public interface RecordDecorator {
        /**
         * Processes one record by running {@code next} (or not, e.g. when it was already done).
         *
         * @param message the record
         * @param context the Lambda context
         * @param next the record's handler, bound to this record
         * @throws Exception to report the record as failed
         */
        void handle(SqsMessage message, Context context, CheckedRunnable<Exception> next) throws Exception;
    }

    private final Executor executor;
    private final SqsClient sqsClient;
    private final Backoff redeliveryBackoff;
    private final Duration safetyMargin;
    private final long safetyMarginNanos;
    private final RecordDecorator decorator;
    private final RetryPolicy retryPolicy;
    /** The policy of our own SQS calls: the user's, holding the processor's margin. */
    private final RetryPolicy callPolicy;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

    private SqsBatchProcessor(Builder builder) {
        this.executor = builder.executor;
        this.sqsClient = builder.sqsClient;
        this.redeliveryBackoff = builder.redeliveryBackoff;
        this.safetyMargin = builder.safetyMargin;
        this.safetyMarginNanos = builder.safetyMargin.toNanos();
        this.decorator = builder.decorator;
        this.retryPolicy = builder.retryPolicy;
        this.callPolicy = builder.retryPolicy.toBuilder().safetyMargin(builder.safetyMargin).build();
    }

    /**
     * A builder: sequential, no redelivery backoff, a 1 s safety margin, {@link RetryPolicy#defaults()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this processor's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Processes a batch. Never throws for what a handler does; see the class comment.
     *
     * @param event the SQS event
     * @param context the Lambda context; null outside Lambda (no deadline)
     * @param handler the work for one record
     * @return the response for Lambda and the failures
     */
    public SqsBatchResult process(SqsEvent event, Context context, RecordHandler handler) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(handler, "handler");
        Batch batch = new Batch(event.records(), context, Invocation.of(context), handler);
        try (MdcScope mdc = MdcScope.open(batch.invocation)) {
            boolean fifo = isFifo(batch.records);
            if (executor != null) {
                runInParallel(batch, fifo ? groupLanes(batch.records) : singleLanes(batch.records.size()));
            } else if (fifo) {
                for (int[] lane : groupLanes(batch.records)) {
                    runLane(batch, lane, true);
                }
            } else {
                runLane(batch, null, false);
            }
            List<RecordFailure> reported = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < batch.records.size(); i++) {
                RecordFailure failure = batch.outcome(i);
                if (failure != null) {
                    reported.add(failure);
                    ids.add(failure.messageId());
                }
            }
            if (sqsClient != null && redeliveryBackoff != null && !reported.isEmpty()) {
                delayRedelivery(batch);
            }
            return new SqsBatchResult(BatchResponse.failed(ids), reported, batch.records.size());
        }
    }

    private static boolean isFifo(List<SqsMessage> records) {
        for (SqsMessage record : records) {
            if (record.attributes().containsKey("MessageGroupId")) {
                return true;
            }
        }
        return false;
    }

    /** The message groups of a FIFO batch, each a lane of record indexes in batch order. */
    private static List<int[]> groupLanes(List<SqsMessage> records) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            String group = records.get(i).attributes().getOrDefault("MessageGroupId", "");
            groups.computeIfAbsent(group, k -> new ArrayList<>()).add(i);
        }
        List<int[]> lanes = new ArrayList<>(groups.size());
        for (List<Integer> group : groups.values()) {
            int[] lane = new int[group.size()];
            for (int i = 0; i < lane.length; i++) {
                lane[i] = group.get(i);
            }
            lanes.add(lane);
        }
        return lanes;
    }

    private static List<int[]> singleLanes(int size) {
        List<int[]> lanes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            lanes.add(new int[] {i});
        }
        return lanes;
    }

    /**
     * Runs a lane's records in order ({@code lane} null: every record). With {@code inOrder} (a FIFO group), a record
     * that was not done stops the rest of the lane, which is reported skipped; otherwise every record is tried on its
     * own.
     */
    private void runLane(Batch batch, int[] lane, boolean inOrder) {
        boolean groupFailed = false;
        int count = lane == null ? batch.records.size() : lane.length;
        for (int k = 0; k < count; k++) {
            int index = lane == null ? k : lane[k];
            if (groupFailed) {
                batch.report(index, Reason.SKIPPED_AFTER_GROUP_FAILURE, null);
                continue;
            }
            Reason notStarted = batch.stopReason();
            if (notStarted == null && batch.invocation.timeLeftNanos(safetyMarginNanos) <= 0) {
                notStarted = Reason.NOT_STARTED_BEFORE_DEADLINE;
            }
            if (notStarted != null || !batch.start(index)) {
                batch.report(index, notStarted == null ? batch.stopReason() : notStarted, null);
                // The rest of a FIFO group must not run after a record that did not.
                groupFailed = inOrder;
                continue;
            }
            Throwable failure = runRecord(batch, batch.records.get(index));
            if (failure != null) {
                batch.finish(index, new RecordFailure(batch.records.get(index).messageId(), Reason.FAILED, failure));
                groupFailed = inOrder;
                if (isFatal(failure)) {
                    batch.stop(Reason.STOPPED_AFTER_FATAL_ERROR);
                }
            } else {
                batch.finish(index, null);
            }
        }
    }

    /** Runs one record; returns what it threw, or null when it succeeded. */
    private Throwable runRecord(Batch batch, SqsMessage message) {
        MdcScope mdc = MdcScope.open().put(MdcScope.MESSAGE_ID, message.messageId());
        try {
            SqsMessageAttribute correlation = message.messageAttributes().get(CORRELATION_ID_ATTRIBUTE);
            if (correlation != null) {
                mdc.put(MdcScope.CORRELATION_ID, correlation.stringValue());
            }
            if (decorator == null) {
                batch.handler.handle(message, batch.context);
            } else {
                decorator.handle(message, batch.context, () -> batch.handler.handle(message, batch.context));
            }
            return null;
        } catch (Throwable failure) {
            // Anything a handler throws is its record's failure: escaping would hand the whole batch back to Lambda,
            // and the records that succeeded would run again. The message may quote the record's body: WARN names the
            // record and the type only; the whole failure is at DEBUG for whoever chooses to log it.
            if (isFatal(failure)) {
                LOG.error("SQS record {} failed with {}; no further record of this batch is started",
                        message.messageId(), failure.getClass().getName());
            } else if (LOG.isWarnEnabled()) {
                LOG.warn("SQS record {} failed and goes back to the queue: {}", message.messageId(),
                        failure.getClass().getName());
            }
            LOG.debug("SQS record {} failed", message.messageId(), failure);
            return failure;
        } finally {
            mdc.close();
        }
    }

    /** Errors after which running more code than needed to answer is unsafe; a stack overflow has unwound. */
    static boolean isFatal(Throwable failure) {
        return failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError);
    }

    private void runInParallel(Batch batch, List<int[]> lanes) {
        List<CompletableFuture<Void>> running = new ArrayList<>(lanes.size());
        for (int[] lane : lanes) {
            try {
                running.add(CompletableFuture.runAsync(() -> {
                    try (MdcScope mdc = MdcScope.open(batch.invocation)) {
                        runLane(batch, lane, true);
                    }
                }, executor));
            } catch (RejectedExecutionException rejected) {
                for (int index : lane) {
                    if (batch.start(index)) {
                        batch.finish(index, new RecordFailure(batch.records.get(index).messageId(),
                                Reason.REJECTED_BY_EXECUTOR, null));
                    }
                }
                LOG.warn("the executor refused {} SQS record(s); they go back to the queue: {}", lane.length,
                        rejected.toString());
            }
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
        Reason abandon = awaitLanes(batch, all);
        if (abandon != null) {
            batch.abandon(abandon);
        }
    }

    /** Waits for the lanes until the deadline less the margin; returns why it stopped early, or null. */
    private Reason awaitLanes(Batch batch, CompletableFuture<Void> all) {
        Ticker ticker = batch.invocation.ticker();
        try {
            while (true) {
                long left = batch.invocation.timeLeftNanos(safetyMarginNanos);
                if (left <= 0) {
                    return all.isDone() ? null : Reason.NOT_FINISHED_BEFORE_DEADLINE;
                }
                // On the real clock wait for all the time left; on a fake one, wait in small real steps and move the
                // fake clock along by each, so a test's deadline comes without the test sleeping for it.
                long step = ticker.realTime() ? left : Math.min(left, WAIT_STEP_NANOS);
                try {
                    all.get(step, TimeUnit.NANOSECONDS);
                    return null;
                } catch (TimeoutException notYet) {
                    if (!ticker.realTime()) {
                        ticker.sleep(Duration.ofNanos(step));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reason.INTERRUPTED;
        } catch (ExecutionException e) {
            // Lanes catch everything their records throw; a lane that still fails is a bug of ours. Report its
            // records rather than throw: the records that succeeded must not be handed back.
            LOG.error("an SQS record lane failed outside its records' handlers", e.getCause());
            return null;
        }
    }

    private void delayRedelivery(Batch batch) {
        Map<String, List<ChangeMessageVisibilityBatchRequestEntry>> byQueue = new LinkedHashMap<>();
        Map<String, Duration> groupDelays = new LinkedHashMap<>();
        for (int i = 0; i < batch.records.size(); i++) {
            RecordFailure failure = batch.outcome(i);
            if (failure == null || (failure.reason() != Reason.FAILED
                    && failure.reason() != Reason.SKIPPED_AFTER_GROUP_FAILURE)) {
                continue;
            }
            SqsMessage message = batch.records.get(i);
            String group = message.attributes().get("MessageGroupId");
            Duration delay;
            if (failure.reason() == Reason.FAILED) {
                delay = redeliveryDelay(message.approximateReceiveCount());
                if (group != null) {
                    groupDelays.putIfAbsent(group, delay);
                }
            } else {
                // Skipped FIFO records come back with the record that blocked their group.
                delay = groupDelays.getOrDefault(group == null ? "" : group, Duration.ZERO);
            }
            byQueue.computeIfAbsent(message.eventSourceArn(), k -> new ArrayList<>())
                    .add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                            .receiptHandle(message.receiptHandle()).visibilityTimeout(visibilitySeconds(delay))
                            .build());
        }
        byQueue.forEach((queueArn, entries) -> changeVisibility(batch.invocation, queueArn, entries));
    }

    /**
     * The visibility timeout a failed record gets: the redelivery backoff for its receive count, at most 12 hours.
     *
     * @param receiveCount the record's {@code ApproximateReceiveCount} (1 on its first delivery)
     * @return the delay before SQS delivers it again, before rounding up to whole seconds
     */
    Duration redeliveryDelay(int receiveCount) {
        Duration delay = redeliveryBackoff.delay(Math.max(1, receiveCount));
        return delay.compareTo(MAX_VISIBILITY_TIMEOUT) > 0 ? MAX_VISIBILITY_TIMEOUT : delay;
    }

    /**
     * A delay as SQS's whole-second visibility timeout, rounded up so the record never comes back sooner than asked.
     *
     * @param delay the delay
     * @return its seconds, rounded up, at most 12 hours
     */
    static int visibilitySeconds(Duration delay) {
        long seconds = delay.getSeconds() + (delay.getNano() > 0 ? 1 : 0);
        return (int) Math.min(MAX_VISIBILITY_SECONDS, Math.max(0, seconds));
    }

    private void changeVisibility(Invocation invocation, String queueArn,
            List<ChangeMessageVisibilityBatchRequestEntry> entries) {
        if (!invocation.hasTimeLeft(safetyMargin)) {
            LOG.warn("redelivery backoff not applied to {} record(s) of {}: no time was left before the Lambda "
                    + "deadline less the safety margin; they come back after the queue's visibility timeout",
                    entries.size(), queueArn);
            return;
        }
        try {
            String queueUrl = queueUrls.get(queueArn);
            if (queueUrl == null) {
                queueUrl = queueUrl(invocation, queueArn);
                queueUrls.put(queueArn, queueUrl);
            }
            String url = queueUrl;
            for (int from = 0; from < entries.size(); from += CHANGE_VISIBILITY_BATCH) {
                List<ChangeMessageVisibilityBatchRequestEntry> chunk =
                        entries.subList(from, Math.min(entries.size(), from + CHANGE_VISIBILITY_BATCH));
                EntriesResult<ChangeMessageVisibilityBatchRequestEntry> result = callPolicy.callEntries(
                        "SQS ChangeMessageVisibilityBatch", invocation, chunk, (pending, attempt) -> {
                            ChangeMessageVisibilityBatchResponse response = sqsClient.changeMessageVisibilityBatch(
                                    b -> b.queueUrl(url).entries(pending)
                                            .overrideConfiguration(attempt.overrideConfiguration()));
                            return failures(pending, response.failed());
                        });
                for (EntriesResult.FailedEntry<ChangeMessageVisibilityBatchRequestEntry> f : result.failed()) {
                    LOG.warn("redelivery backoff not applied to a record of {}: {} {}", queueArn, f.errorCode(),
                            f.errorMessage());
                }
            }
        } catch (RetryException | SdkException | IllegalArgumentException e) {
            // The records still come back after the queue's own visibility timeout: a missed backoff is not a loss.
            LOG.warn("redelivery backoff not applied to {} record(s) of {}: {}", entries.size(), queueArn,
                    e.toString());
        }
    }

    private static List<EntryFailure<ChangeMessageVisibilityBatchRequestEntry>> failures(
            List<ChangeMessageVisibilityBatchRequestEntry> sent, List<BatchResultErrorEntry> errors) {
        if (errors.isEmpty()) {
            return List.of();
        }
        List<EntryFailure<ChangeMessageVisibilityBatchRequestEntry>> failures = new ArrayList<>(errors.size());
        for (BatchResultErrorEntry error : errors) {
            for (ChangeMessageVisibilityBatchRequestEntry entry : sent) {
                if (entry.id().equals(error.id())) {
                    EntryFailure<ChangeMessageVisibilityBatchRequestEntry> byCode =
                            EntryFailure.of(entry, error.code(), error.message());
                    failures.add(Boolean.TRUE.equals(error.senderFault())
                            ? new EntryFailure<>(entry, error.code(), error.message(), false) : byCode);
                }
            }
        }
        return failures;
    }

    private String queueUrl(Invocation invocation, String queueArn) {
        String[] parts = queueArn == null ? new String[0] : queueArn.split(":");
        if (parts.length != 6 || !parts[2].equals("sqs")) {
            throw new IllegalArgumentException("not an SQS queue ARN: " + queueArn);
        }
        return callPolicy.call("SQS GetQueueUrl", invocation, attempt -> sqsClient.getQueueUrl(b -> b
                .queueName(parts[5]).queueOwnerAWSAccountId(parts[4])
                .overrideConfiguration(attempt.overrideConfiguration())).queueUrl());
    }

    @Override
    public String toString() {
        return "SqsBatchProcessor[" + (executor == null ? "sequential" : "parallel") + ", safety margin "
                + safetyMargin + (redeliveryBackoff == null ? "" : ", redelivery " + redeliveryBackoff) + "]";
    }

    /**
     * One call of {@code process}: the records, what became of each, and whether the processor stopped starting
     * records. Lanes on other threads write to it; the atomic arrays make what they wrote visible to the caller.
     */
    private static final class Batch {
        final List<SqsMessage> records;
        final Context context;
        final Invocation invocation;
        final RecordHandler handler;
        final AtomicIntegerArray states;
        final AtomicReferenceArray<RecordFailure> outcomes;
        volatile Reason stopped;

        Batch(List<SqsMessage> records, Context context, Invocation invocation, RecordHandler handler) {
            this.records = records;
            this.context = context;
            this.invocation = invocation;
            this.handler = handler;
            this.states = new AtomicIntegerArray(records.size());
            this.outcomes = new AtomicReferenceArray<>(records.size());
        }

        /** Claims a record to run; false when the caller abandoned it first. */
        boolean start(int index) {
            return states.compareAndSet(index, PENDING, RUNNING);
        }

        void finish(int index, RecordFailure failure) {
            outcomes.set(index, failure);
            states.set(index, DONE);
        }

        /** Reports a record that was not run; a record claimed by nobody yet is claimed for the report. */
        void report(int index, Reason reason, Throwable cause) {
            if (states.compareAndSet(index, PENDING, DONE)) {
                outcomes.set(index, new RecordFailure(records.get(index).messageId(), reason, cause));
            }
        }

        Reason stopReason() {
            return stopped;
        }

        void stop(Reason reason) {
            if (stopped == null) {
                stopped = reason;
            }
        }

        /**
         * Stops waiting: records nobody started are abandoned (a lane that reaches them later finds them taken),
         * records still running are reported as not finished.
         */
        void abandon(Reason reason) {
            stop(reason == Reason.NOT_FINISHED_BEFORE_DEADLINE ? Reason.NOT_STARTED_BEFORE_DEADLINE : reason);
            for (int i = 0; i < records.size(); i++) {
                String id = records.get(i).messageId();
                if (states.compareAndSet(i, PENDING, ABANDONED)) {
                    outcomes.set(i, new RecordFailure(id, reason == Reason.NOT_FINISHED_BEFORE_DEADLINE
                            ? Reason.NOT_STARTED_BEFORE_DEADLINE : reason, null));
                } else if (states.compareAndSet(i, RUNNING, ABANDONED)) {
                    outcomes.set(i, new RecordFailure(id, reason, null));
                }
            }
        }

        /** What became of a record: null when it was done. */
        RecordFailure outcome(int index) {
            int state = states.get(index);
            if (state == PENDING || state == RUNNING) {
                // Not reached (the caller waited for every lane, or abandoned the rest): report rather than lose it.
                return new RecordFailure(records.get(index).messageId(), Reason.NOT_FINISHED_BEFORE_DEADLINE, null);
            }
            return outcomes.get(index);
        }
    }

    /** Builds an {@link SqsBatchProcessor}; not thread-safe, use it on one thread. */
    public static final class Builder {
        private Executor executor;
        private SqsClient sqsClient;
        private Backoff redeliveryBackoff;
        private Duration safetyMargin = Duration.ofSeconds(1);
        private RecordDecorator decorator;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();

        private Builder() {}

        private Builder(SqsBatchProcessor from) {
            this.executor = from.executor;
            this.sqsClient = from.sqsClient;
            this.redeliveryBackoff = from.redeliveryBackoff;
            this.safetyMargin = from.safetyMargin;
            this.decorator = from.decorator;
            this.retryPolicy = from.retryPolicy;
        }

        /**
         * Runs records in parallel on {@code executor} (FIFO: message groups in parallel, each in order). Use a
         * bounded pool sized for the function's memory and the downstream's limits; work it refuses is reported
         * ({@link Reason#REJECTED_BY_EXECUTOR}).
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * The client for the redelivery backoff's calls (the function needs {@code sqs:ChangeMessageVisibility} and
         * {@code sqs:GetQueueUrl}).
         *
         * @param sqsClient the client
         * @return this builder
         */
        public Builder sqsClient(SqsClient sqsClient) {
            this.sqsClient = Objects.requireNonNull(sqsClient, "sqsClient");
            return this;
        }

        /**
         * Delays the redelivery of failed records by {@code backoff} of their receive count, with
         * ChangeMessageVisibilityBatch through the {@link #sqsClient} (required with this setting).
         *
         * @param backoff the schedule, e.g. {@code Backoff.exponential(Duration.ofSeconds(30), Duration.ofHours(12))}
         * @return this builder
         */
        public Builder redeliveryBackoff(Backoff backoff) {
            this.redeliveryBackoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * Time kept free before the Lambda deadline for returning the response; the processor's own SQS calls keep
         * it too. Default 1 s.
         *
         * @param safetyMargin zero or more
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder safetyMargin(Duration safetyMargin) {
            Objects.requireNonNull(safetyMargin, "safetyMargin");
            if (safetyMargin.isNegative()) {
                throw new IllegalArgumentException("safetyMargin must not be negative, was " + safetyMargin);
            }
            this.safetyMargin = safetyMargin;
            return this;
        }

        /**
         * Wraps the processing of every record, e.g. per-record idempotency.
         *
         * @param decorator the decorator
         * @return this builder
         */
        public Builder decorator(RecordDecorator decorator) {
            this.decorator = Objects.requireNonNull(decorator, "decorator");
            return this;
        }

        /**
         * How the processor's own SQS calls (the redelivery backoff) are retried; they keep the processor's
         * {@link #safetyMargin} whatever the policy's. Default {@link RetryPolicy#defaults()}.
         *
         * @param retryPolicy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * Builds the processor.
         *
         * @return the processor
         * @throws IllegalStateException when a redelivery backoff is set without an SQS client
         */
        public SqsBatchProcessor build() {
            if (redeliveryBackoff != null && sqsClient == null) {
                throw new IllegalStateException("redeliveryBackoff needs an SqsClient: builder().sqsClient(...)");
            }
            return new SqsBatchProcessor(this);
        }
    }
}
