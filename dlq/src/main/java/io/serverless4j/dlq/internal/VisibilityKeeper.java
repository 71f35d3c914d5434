/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;

/**
 * Keeps received-but-not-yet-sent messages invisible while a batch waits for the rate limiter or a slow send: every
 * quarter of the visibility timeout it extends (ChangeMessageVisibilityBatch) each held batch whose visibility was
 * last set half a timeout ago or more. Without it, a slow send would let another worker receive the same messages
 * and send them again. Thread-safe.
 */
public final class VisibilityKeeper implements AutoCloseable {

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
    private final Set<Held> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService scheduler;

    /**
     * Starts keeping.
     *
     * @param sqs the client
     * @param queueUrl the DLQ
     * @param visibilityTimeout the timeout messages are received with, at least 1 second
     */
    public VisibilityKeeper(SqsClient sqs, String queueUrl, Duration visibilityTimeout) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.visibilityTimeout = visibilityTimeout;
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
        Held batch = new Held(receiptHandles, System.nanoTime());
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
        long now = System.nanoTime();
        long due = visibilityTimeout.toNanos() / 2;
        for (Held batch : new ArrayList<>(held)) {
            if (now - batch.setAtNanos < due) {
                continue;
            }
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < batch.receiptHandles.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(batch.receiptHandles.get(i))
                        .visibilityTimeout((int) visibilityTimeout.toSeconds()).build());
            }
            try {
                // Entries already deleted fail with ReceiptHandleIsInvalid; that is expected and harmless.
                sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries));
                batch.setAtNanos = now;
            } catch (SdkException e) {
                // Tried again on the next tick; if it keeps failing the messages become visible and are replayed
                // again later, which at-least-once allows.
            }
        }
    }

    /** Stops the keeper thread. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
