/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.internal;

import io.serverless4j.core.Invocation;
import io.serverless4j.core.MdcScope;
import io.serverless4j.retry.EntriesResult;
import io.serverless4j.retry.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Keeps received-but-not-yet-sent messages invisible while a batch waits for the rate limiter or a slow send: every
 * quarter of the visibility timeout it extends (ChangeMessageVisibilityBatch, through the replay's retry policy and
 * within the invocation's deadline) each held batch whose visibility was last set half a timeout ago or more.
 * Without it, a slow send would let another worker receive the same messages and send them again. Thread-safe.
 */
public final class VisibilityKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VisibilityKeeper.class);

    /** A batch being held. */
    public static final class Held {
        private final List<String> receiptHandles;
        private volatile long setAtNanos;

        Held(List<String> receiptHandles, long setAtNanos) {
            this.receiptHandles = List.copyOf(receiptHandles);
            this.setAtNanos = setAtNanos;
        }
    }

    private final SqsClient sqs;
    private final String queueUrl;
    private final Duration visibilityTimeout;
    private final RetryPolicy policy;
    private final Invocation invocation;
    private final Set<Held> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler;

    /**
     * Starts keeping.
     *
     * @param sqs the client
     * @param queueUrl the DLQ
     * @param visibilityTimeout the timeout messages are received with, at least 1 second
     * @param policy how the visibility calls are retried
     * @param invocation the invocation whose deadline bounds them; its clock times the extensions
     */
    public VisibilityKeeper(SqsClient sqs, String queueUrl, Duration visibilityTimeout, RetryPolicy policy,
            Invocation invocation) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.visibilityTimeout = visibilityTimeout;
        this.policy = policy;
        this.invocation = invocation;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "dlq-replay-visibility");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(100, visibilityTimeout.toMillis() / 4);
        scheduler.scheduleWithFixedDelay(this::extendDue, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts holding a batch received just now.
     *
     * @param receiptHandles the batch's receipt handles
     * @return the handle to release
     */
    public Held hold(List<String> receiptHandles) {
        Held batch = new Held(receiptHandles, invocation.ticker().nanoTime());
        held.add(batch);
        return batch;
    }

    /**
     * Stops holding a batch (it was sent, or given up).
     *
     * @param batch the batch
     */
    public void release(Held batch) {
        held.remove(batch);
    }

    private void extendDue() {
        try (MdcScope mdc = MdcScope.open(invocation)) {
            long due = visibilityTimeout.toNanos() / 2;
            for (Held batch : new ArrayList<>(held)) {
                long now = invocation.ticker().nanoTime();
                if (now - batch.setAtNanos < due) {
                    continue;
                }
                // Entries already deleted fail with ReceiptHandleIsInvalid; that is expected and harmless. If the
                // call keeps failing, the messages become visible and are replayed again later, which
                // at-least-once allows.
                EntriesResult<String> result = ReplayRun.changeVisibility(sqs, queueUrl, policy, invocation,
                        batch.receiptHandles, (int) visibilityTimeout.toSeconds());
                if (result.failed().size() < batch.receiptHandles.size()) {
                    batch.setAtNanos = now;
                } else {
                    LOG.debug("could not extend the visibility of {} held DLQ message(s): {}",
                            batch.receiptHandles.size(), result.failed().get(0).errorMessage());
                }
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: keep the keeper alive.
            LOG.debug("extending the visibility of held DLQ messages failed", e);
        }
    }

    /** Stops the keeper thread. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
