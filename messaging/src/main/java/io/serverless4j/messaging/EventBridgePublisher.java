/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.messaging;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverless4j.core.Invocation;
import io.serverless4j.events.Events;
import io.serverless4j.retry.EntriesResult;
import io.serverless4j.retry.EntryFailure;
import io.serverless4j.retry.RetryPolicy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes typed events to EventBridge: packs them into PutEvents calls within the service's limits (at most 10
 * entries, and less than 256 KB as EventBridge computes entry sizes), retries only the entries that came back
 * failed with a retryable error code through the {@link RetryPolicy}, and reports the entries that failed for good.
 *
 * <pre>{@code
 * static final EventBridgePublisher EVENTS = EventBridgePublisher.builder()
 *         .eventBridgeClient(EVENT_BRIDGE).eventBusName("orders").build();
 * ...
 * PublishReport report = EVENTS.publish(List.of(EventBridgeEntry.of("shop.orders", "OrderAccepted", order)), context);
 * }</pre>
 *
 * <p>Guarantees: an entry EventBridge reported as accepted is never sent again. A request that fails as a whole
 * (a timeout, a reset connection, a 5xx) is retried whole, because EventBridge may or may not have taken it: those
 * entries can arrive twice, as EventBridge delivery is at-least-once anyway. With a Lambda {@link Context}, no wait
 * or attempt is started that cannot finish before the deadline less the policy's safety margin, and each request's
 * SDK timeout is capped by the time left; what is left is reported failed with
 * {@link RetryPolicy#DEADLINE_ERROR_CODE}. Each entry carries the invocation's X-Ray trace header
 * ({@code TraceHeader}), so the trace goes on to the rules' targets.
 *
 * <p>Immutable and thread-safe; the client is the caller's (any HTTP client). IAM: {@code events:PutEvents} on the
 * bus.
 */
public final class EventBridgePublisher {

    /** EventBridge's limit on a PutEvents request: fewer than 256 KB of entries (as it computes their size). */
    public static final int MAX_REQUEST_BYTES = 256 * 1024;
    /** EventBridge's limit on the entries of one PutEvents request. */
    public static final int MAX_ENTRIES_PER_REQUEST = 10;
    /** The error code of entries whose PutEvents answer could not be matched to them (they may have been taken). */
    public static final String UNMATCHED_RESPONSE_ERROR_CODE = "serverless4j.UnmatchedResponse";

    private static final String OPERATION = "EventBridge PutEvents";
    private static final int TIME_BYTES = 14;

    private final EventBridgeClient eventBridgeClient;
    private final String eventBusName;
    private final RetryPolicy retryPolicy;

    private EventBridgePublisher(Builder builder) {
        this.eventBridgeClient = builder.eventBridgeClient;
        this.eventBusName = builder.eventBusName;
        this.retryPolicy = builder.retryPolicy;
    }

    /**
     * A builder; {@link Builder#eventBridgeClient} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this publisher's settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The size EventBridge counts for an entry: 14 bytes for a time, plus the UTF-8 bytes of the source, the
     * detail type, the detail and each resource.
     *
     * @param entry the SDK entry
     * @return its size in bytes
     */
    public static int entrySize(PutEventsRequestEntry entry) {
        int size = entry.time() != null ? TIME_BYTES : 0;
        size += utf8(entry.source()) + utf8(entry.detailType()) + utf8(entry.detail());
        for (String resource : entry.resources()) {
            size += utf8(resource);
        }
        return size;
    }

    private static int utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Publishes entries, retrying within the Lambda's remaining time.
     *
     * @param entries the entries, in order
     * @param context the Lambda context whose deadline bounds the publishing; null outside Lambda (no deadline)
     * @return what was published and what failed for good
     * @throws EventBridgeEntryTooLargeException before any call, when an entry alone exceeds the size limit
     */
    public PublishReport publish(List<EventBridgeEntry> entries, Context context) {
        Objects.requireNonNull(entries, "entries");
        Invocation invocation = Invocation.of(context);
        List<Pending> pending = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            EventBridgeEntry entry = Objects.requireNonNull(entries.get(i), "entries[" + i + "]");
            PutEventsRequestEntry sdkEntry = toSdk(entry, invocation);
            int size = entrySize(sdkEntry);
            if (size >= MAX_REQUEST_BYTES) {
                throw new EventBridgeEntryTooLargeException("EventBridge entry " + i + " (" + entry.source() + " / "
                        + entry.detailType() + ") is " + size + " bytes as EventBridge counts it; an entry must be "
                        + "less than " + MAX_REQUEST_BYTES + " bytes. Nothing was published. Put large payloads in S3 "
                        + "and send their location.");
            }
            pending.add(new Pending(i, entry, sdkEntry, size));
        }
        List<PublishReport.FailedEntry> failed = new ArrayList<>();
        int requests = 0;
        for (List<Pending> batch : pack(pending)) {
            EntriesResult<Pending> result = retryPolicy.callEntries(OPERATION, invocation, batch, this::send);
            requests += result.requests();
            for (EntriesResult.FailedEntry<Pending> f : result.failed()) {
                failed.add(new PublishReport.FailedEntry(f.entry().index, f.entry().entry, f.errorCode(),
                        f.errorMessage(), f.attempts()));
            }
        }
        failed.sort(Comparator.comparingInt(PublishReport.FailedEntry::index));
        return new PublishReport(entries.size() - failed.size(), failed, requests);
    }

    private List<EntryFailure<Pending>> send(List<Pending> batch, io.serverless4j.retry.Attempt attempt) {
        PutEventsResponse response = eventBridgeClient.putEvents(b -> b
                .entries(batch.stream().map(p -> p.sdkEntry).toList())
                .overrideConfiguration(attempt.overrideConfiguration()));
        List<PutEventsResultEntry> results = response.entries();
        List<EntryFailure<Pending>> failures = new ArrayList<>();
        if (results.size() != batch.size()) {
            // EventBridge answers one result per entry, in order; anything else cannot be matched safely: the entries
            // may have been published, so they are reported, never silently retried or dropped.
            for (Pending p : batch) {
                failures.add(new EntryFailure<>(p, UNMATCHED_RESPONSE_ERROR_CODE, "PutEvents answered "
                        + results.size() + " results for " + batch.size() + " entries; whether this one was "
                        + "published is unknown", false));
            }
            return failures;
        }
        for (int i = 0; i < batch.size(); i++) {
            PutEventsResultEntry result = results.get(i);
            if (result.errorCode() != null) {
                failures.add(EntryFailure.of(batch.get(i), result.errorCode(), result.errorMessage()));
            }
        }
        return failures;
    }

    private PutEventsRequestEntry toSdk(EventBridgeEntry entry, Invocation invocation) {
        String detail = entry.detail() instanceof String json ? json : Events.write(entry.detail());
        return PutEventsRequestEntry.builder()
                .source(entry.source())
                .detailType(entry.detailType())
                .detail(detail)
                .resources(entry.resources())
                .time(entry.time())
                .eventBusName(entry.eventBusName() != null ? entry.eventBusName() : eventBusName)
                .traceHeader(invocation.traceHeader())
                .build();
    }

    /** Greedy packing in order: a request closes at 10 entries or when the next entry would pass the limit. */
    static List<List<Pending>> pack(List<Pending> entries) {
        List<List<Pending>> batches = new ArrayList<>();
        List<Pending> current = new ArrayList<>();
        int bytes = 0;
        for (Pending p : entries) {
            if (!current.isEmpty() && (current.size() == MAX_ENTRIES_PER_REQUEST || bytes + p.size >= MAX_REQUEST_BYTES)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(p);
            bytes += p.size;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    @Override
    public String toString() {
        return "EventBridgePublisher[bus " + (eventBusName == null ? "default" : eventBusName) + ", " + retryPolicy
                + "]";
    }

    /** An entry on its way: its position, the SDK entry and its size. */
    static final class Pending {
        final int index;
        final EventBridgeEntry entry;
        final PutEventsRequestEntry sdkEntry;
        final int size;

        Pending(int index, EventBridgeEntry entry, PutEventsRequestEntry sdkEntry, int size) {
            this.index = index;
            this.entry = entry;
            this.sdkEntry = sdkEntry;
            this.size = size;
        }
    }

    /** Builds an {@link EventBridgePublisher}; not thread-safe, use it on one thread. */
    public static final class Builder {
        private EventBridgeClient eventBridgeClient;
        private String eventBusName;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();

        private Builder() {}

        private Builder(EventBridgePublisher from) {
            this.eventBridgeClient = from.eventBridgeClient;
            this.eventBusName = from.eventBusName;
            this.retryPolicy = from.retryPolicy;
        }

        /**
         * The client to publish with (required); configure its HTTP client, region and credentials as you like.
         *
         * @param eventBridgeClient the client
         * @return this builder
         */
        public Builder eventBridgeClient(EventBridgeClient eventBridgeClient) {
            this.eventBridgeClient = Objects.requireNonNull(eventBridgeClient, "eventBridgeClient");
            return this;
        }

        /**
         * The bus for entries that name none (default: the account's default bus).
         *
         * @param eventBusName a bus name or ARN
         * @return this builder
         */
        public Builder eventBusName(String eventBusName) {
            this.eventBusName = Objects.requireNonNull(eventBusName, "eventBusName");
            return this;
        }

        /**
         * How PutEvents calls and failed entries are retried, and the time kept free before the deadline.
         * Default {@link RetryPolicy#defaults()}.
         *
         * @param retryPolicy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * Builds the publisher.
         *
         * @return the publisher
         * @throws IllegalStateException when no client was given
         */
        public EventBridgePublisher build() {
            if (eventBridgeClient == null) {
                throw new IllegalStateException("EventBridgePublisher needs a client: builder().eventBridgeClient(...)");
            }
            return new EventBridgePublisher(this);
        }
    }
}
