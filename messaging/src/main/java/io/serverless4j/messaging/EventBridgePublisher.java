/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.messaging;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverless4j.events.Events;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes typed events to EventBridge: packs them into PutEvents calls within the service's limits (at most 10
 * entries, and less than 256 KB as EventBridge computes entry sizes), retries only the entries that came back
 * failed with a retryable error code, with backoff, and reports the entries that failed for good.
 *
 * <pre>{@code
 * static final EventBridgePublisher EVENTS = EventBridgePublisher.builder().client(EVENT_BRIDGE).build();
 * ...
 * PublishReport report = EVENTS.publish(context, List.of(EventBridgeEntry.of("shop.orders", "OrderAccepted", order)));
 * }</pre>
 *
 * <p>Guarantees: an entry EventBridge reported as accepted is never sent again. A request that fails as a whole
 * (a timeout, a reset connection, a 5xx) is retried whole, because EventBridge may or may not have taken it: those
 * entries can arrive twice, as EventBridge delivery is at-least-once anyway. With a Lambda {@link Context}, no wait
 * or attempt is started that cannot finish before the deadline less the safety margin; what is left is reported
 * failed. Immutable and thread-safe; the client is the caller's (any HTTP client).
 */
public final class EventBridgePublisher {

    /** EventBridge's limit on a PutEvents request: fewer than 256 KB of entries (as it computes their size). */
    public static final int MAX_REQUEST_BYTES = 256 * 1024;
    /** EventBridge's limit on the entries of one PutEvents request. */
    public static final int MAX_ENTRIES_PER_REQUEST = 10;
    /** The error code reported for entries that were not retried because the Lambda deadline was near. */
    public static final String DEADLINE_ERROR_CODE = "serverless4j.DeadlineExceeded";

    private static final int TIME_BYTES = 14;

    private final EventBridgeClient client;
    private final String eventBusName;
    private final int maxAttempts;
    private final Backoff backoff;
    private final Backoff throttledBackoff;
    private final Duration safetyMargin;
    private final Sleeper sleeper;
    private final LongSupplier ticker;

    private EventBridgePublisher(Builder builder) {
        this.client = builder.client;
        this.eventBusName = builder.eventBusName;
        this.maxAttempts = builder.maxAttempts;
        this.backoff = builder.backoff;
        this.throttledBackoff = builder.throttledBackoff;
        this.safetyMargin = builder.safetyMargin;
        this.sleeper = builder.sleeper;
        this.ticker = builder.ticker;
    }

    /**
     * A builder; {@link Builder#client} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
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
     * Publishes entries without a deadline.
     *
     * @param entries the entries, in order
     * @return what was published and what failed for good
     * @throws EventBridgeEntryTooLargeException before any call, when an entry alone exceeds the size limit
     */
    public PublishReport publish(List<EventBridgeEntry> entries) {
        return publish(null, entries);
    }

    /**
     * Publishes entries, retrying within the Lambda's remaining time.
     *
     * @param context the Lambda context; null for no deadline
     * @param entries the entries, in order
     * @return what was published and what failed for good
     * @throws EventBridgeEntryTooLargeException before any call, when an entry alone exceeds the size limit
     */
    public PublishReport publish(Context context, List<EventBridgeEntry> entries) {
        Objects.requireNonNull(entries, "entries");
        List<Pending> pending = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            EventBridgeEntry entry = Objects.requireNonNull(entries.get(i), "entries[" + i + "]");
            PutEventsRequestEntry sdkEntry = toSdk(entry);
            int size = entrySize(sdkEntry);
            if (size >= MAX_REQUEST_BYTES) {
                throw new EventBridgeEntryTooLargeException("EventBridge entry " + i + " (" + entry.source() + " / "
                        + entry.detailType() + ") is " + size + " bytes as EventBridge counts it; an entry must be "
                        + "less than " + MAX_REQUEST_BYTES + " bytes. Nothing was published. Put large payloads in S3 "
                        + "and send their location.");
            }
            pending.add(new Pending(i, entry, sdkEntry, size));
        }
        Run run = new Run(context);
        for (List<Pending> batch : pack(pending)) {
            run.publish(batch);
        }
        run.failed.sort(Comparator.comparingInt(PublishReport.FailedEntry::index));
        return new PublishReport(run.published, run.failed, run.requests);
    }

    private PutEventsRequestEntry toSdk(EventBridgeEntry entry) {
        String detail = entry.detail() instanceof String json ? json : Events.write(entry.detail());
        return PutEventsRequestEntry.builder()
                .source(entry.source())
                .detailType(entry.detailType())
                .detail(detail)
                .resources(entry.resources())
                .time(entry.time())
                .eventBusName(entry.eventBusName() != null ? entry.eventBusName() : eventBusName)
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

    /** An entry on its way, with its attempts and last error. */
    static final class Pending {
        final int index;
        final EventBridgeEntry entry;
        final PutEventsRequestEntry sdkEntry;
        final int size;
        int attempts;
        String errorCode;
        String errorMessage;

        Pending(int index, EventBridgeEntry entry, PutEventsRequestEntry sdkEntry, int size) {
            this.index = index;
            this.entry = entry;
            this.sdkEntry = sdkEntry;
            this.size = size;
        }

        PublishReport.FailedEntry failure() {
            return new PublishReport.FailedEntry(index, entry, errorCode, errorMessage, attempts);
        }
    }

    /** The state of one publish call. */
    private final class Run {
        final Context context;
        final List<PublishReport.FailedEntry> failed = new ArrayList<>();
        int published;
        int requests;
        long longestCallNanos;

        Run(Context context) {
            this.context = context;
        }

        void publish(List<Pending> batch) {
            List<Pending> toSend = batch;
            for (int attempt = 1; !toSend.isEmpty(); attempt++) {
                List<Pending> retry = send(toSend);
                if (retry.isEmpty()) {
                    return;
                }
                boolean throttled = retry.stream()
                        .anyMatch(p -> AwsErrors.categorizeCode(p.errorCode) == AwsErrors.Category.THROTTLING);
                Duration wait = (throttled ? throttledBackoff : backoff).delay(attempt);
                boolean outOfAttempts = attempt >= maxAttempts;
                boolean outOfTime = !outOfAttempts && availableNanos() < wait.toNanos() + longestCallNanos;
                if (outOfAttempts || outOfTime) {
                    for (Pending p : retry) {
                        if (outOfTime) {
                            p.errorMessage = "not retried: the Lambda deadline was near (last error " + p.errorCode
                                    + ": " + p.errorMessage + ")";
                            p.errorCode = DEADLINE_ERROR_CODE;
                        }
                        failed.add(p.failure());
                    }
                    return;
                }
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    for (Pending p : retry) {
                        failed.add(p.failure());
                    }
                    return;
                }
                toSend = retry;
            }
        }

        /** Sends once; returns the entries to retry, having recorded successes and final failures. */
        List<Pending> send(List<Pending> batch) {
            for (Pending p : batch) {
                p.attempts++;
            }
            requests++;
            long started = ticker.getAsLong();
            PutEventsResponse response;
            try {
                response = client.putEvents(b -> b.entries(batch.stream().map(p -> p.sdkEntry).toList()));
            } catch (RuntimeException e) {
                longestCallNanos = Math.max(longestCallNanos, ticker.getAsLong() - started);
                String code = e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                        ? aws.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
                boolean retryable = AwsErrors.isRetryable(e);
                List<Pending> retry = new ArrayList<>();
                for (Pending p : batch) {
                    p.errorCode = AwsErrors.isThrottling(e) ? "ThrottlingException" : code;
                    p.errorMessage = String.valueOf(e.getMessage());
                    if (retryable) {
                        retry.add(p);
                    } else {
                        failed.add(p.failure());
                    }
                }
                return retry;
            }
            longestCallNanos = Math.max(longestCallNanos, ticker.getAsLong() - started);
            List<PutEventsResultEntry> results = response.entries();
            if (results.size() != batch.size()) {
                // EventBridge answers one result per entry, in order; anything else cannot be matched safely.
                throw new IllegalStateException("PutEvents answered " + results.size() + " results for "
                        + batch.size() + " entries");
            }
            List<Pending> retry = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                Pending p = batch.get(i);
                PutEventsResultEntry result = results.get(i);
                if (result.errorCode() == null) {
                    published++;
                    continue;
                }
                p.errorCode = result.errorCode();
                p.errorMessage = result.errorMessage();
                if (AwsErrors.categorizeCode(result.errorCode()) != AwsErrors.Category.NOT_RETRYABLE) {
                    retry.add(p);
                } else {
                    failed.add(p.failure());
                }
            }
            return retry;
        }

        long availableNanos() {
            if (context == null) {
                return Long.MAX_VALUE;
            }
            return Duration.ofMillis(context.getRemainingTimeInMillis()).minus(safetyMargin).toNanos();
        }
    }

    /** Builds an {@link EventBridgePublisher}; not thread-safe, use it on one thread. */
    public static final class Builder {
        private EventBridgeClient client;
        private String eventBusName;
        private int maxAttempts = 4;
        private Backoff backoff = Backoff.standard();
        private Backoff throttledBackoff = Backoff.throttled();
        private Duration safetyMargin = Duration.ofMillis(500);
        private Sleeper sleeper = Sleeper.THREAD;
        private LongSupplier ticker = System::nanoTime;

        private Builder() {}

        /**
         * The client to publish with (required); configure its HTTP client, region and credentials as you like.
         *
         * @param client the client
         * @return this builder
         */
        public Builder client(EventBridgeClient client) {
            this.client = Objects.requireNonNull(client, "client");
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
         * How many times an entry is sent at most, including the first.
         *
         * @param maxAttempts at least 1
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = Settings.maxAttempts(maxAttempts);
            return this;
        }

        /**
         * The schedule after retryable failures that are not throttling.
         *
         * @param backoff the schedule
         * @return this builder
         */
        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /**
         * The schedule after throttling.
         *
         * @param throttledBackoff the schedule
         * @return this builder
         */
        public Builder throttledBackoff(Backoff throttledBackoff) {
            this.throttledBackoff = Objects.requireNonNull(throttledBackoff, "throttledBackoff");
            return this;
        }

        /**
         * Time kept free before the Lambda deadline.
         *
         * @param safetyMargin zero or more
         * @return this builder
         */
        public Builder safetyMargin(Duration safetyMargin) {
            this.safetyMargin = Settings.safetyMargin(safetyMargin);
            return this;
        }

        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        Builder ticker(LongSupplier ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Builds the publisher.
         *
         * @return the publisher
         * @throws IllegalStateException when no client was given
         */
        public EventBridgePublisher build() {
            if (client == null) {
                throw new IllegalStateException("EventBridgePublisher needs a client: builder().client(...)");
            }
            return new EventBridgePublisher(this);
        }
    }
}
