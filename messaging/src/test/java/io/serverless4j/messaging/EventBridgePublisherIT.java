/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.events.Events;
import io.serverless4j.retry.Backoff;
import io.serverless4j.retry.RetryPolicy;
import io.serverless4j.testing.TestLambdaContext;
import io.serverless4j.testing.Fault;
import io.serverless4j.testing.FaultProxy;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.LocalEventBridge;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

@ExtendWith(LocalAws.class)
class EventBridgePublisherIT {

    record OrderAccepted(String orderId, int total) {}

    private static final Backoff FAST = Backoff.fullJitter(Duration.ofMillis(1), Duration.ofMillis(5));
    private static final RetryPolicy POLICY = RetryPolicy.builder().maxAttempts(4).backoff(FAST).throttledBackoff(FAST)
            .build();

    private LocalEventBridge eventBridge;

    @BeforeEach
    void startClean(LocalEventBridge eventBridge) {
        this.eventBridge = eventBridge;
        eventBridge.reset();
    }

    private static EventBridgePublisher.Builder publisher(EventBridgeClient client) {
        return EventBridgePublisher.builder().eventBridgeClient(client).eventBusName("orders").retryPolicy(POLICY);
    }

    private static List<EventBridgeEntry> orders(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> EventBridgeEntry.of("shop.orders", "OrderAccepted", new OrderAccepted("o-" + i, i)))
                .toList();
    }

    private List<String> receivedDetails() {
        return eventBridge.receivedEntries().stream().map(PutEventsRequestEntry::detail).toList();
    }

    @Test
    void publishesTypedDetailsAsJsonInRequestsOfAtMostTenEntries(EventBridgeClient client) {
        PublishReport report = publisher(client).build().publish(orders(25), null);

        assertThat(report.allSucceeded()).isTrue();
        assertThat(report.published()).isEqualTo(25);
        assertThat(report.requests()).isEqualTo(3);
        assertThat(eventBridge.putEventsRequests()).isEqualTo(3);
        assertThat(receivedDetails()).containsExactlyElementsOf(
                IntStream.range(0, 25).mapToObj(i -> Events.write(new OrderAccepted("o-" + i, i))).toList());
        assertThat(eventBridge.receivedEntries()).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo("shop.orders");
            assertThat(e.eventBusName()).isEqualTo("orders");
        });
    }

    @Test
    void retriesOnlyTheEntriesThatFailedAndNeverResendsOneThatSucceeded(EventBridgeClient client) {
        eventBridge.rejectEntries(e -> e.detail().contains("\"o-3\""), 2, "ThrottlingException", "Rate exceeded");
        eventBridge.rejectEntries(e -> e.detail().contains("\"o-7\""), 1, "InternalFailure", "oops");

        PublishReport report = publisher(client).build().publish(orders(10), null);

        assertThat(report.allSucceeded()).isTrue();
        assertThat(report.published()).isEqualTo(10);
        // 1 request with all 10; then o-3 and o-7 together; then o-3 alone.
        assertThat(report.requests()).isEqualTo(3);
        assertThat(receivedDetails()).hasSize(10).doesNotHaveDuplicates();
    }

    @Test
    void entriesWithANonRetryableErrorFailForGoodAtOnceAndAreReported(EventBridgeClient client) {
        eventBridge.rejectEntries(e -> e.detail().contains("\"o-1\""), Integer.MAX_VALUE, "MalformedDetail",
                "Detail is malformed");
        eventBridge.rejectEntries(e -> e.detail().contains("\"o-2\""), Integer.MAX_VALUE, "InternalFailure",
                "still broken");

        PublishReport report = publisher(client).retryPolicy(POLICY.toBuilder().maxAttempts(3).build()).build()
                .publish(orders(4), null);

        assertThat(report.published()).isEqualTo(2);
        assertThat(report.failed()).extracting(PublishReport.FailedEntry::index, PublishReport.FailedEntry::errorCode,
                        PublishReport.FailedEntry::attempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "MalformedDetail", 1),
                        org.assertj.core.groups.Tuple.tuple(2, "InternalFailure", 3));
        assertThat(report.failed().get(0).entry().detail()).isEqualTo(new OrderAccepted("o-1", 1));
        assertThat(receivedDetails()).hasSize(2);
    }

    @Test
    void aThrottledRequestIsRetriedWholeUntilItGoesThrough() {
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.eventBridge());
                EventBridgeClient client = proxy.configure(EventBridgeClient.builder())
                        .build()) {
            proxy.failNext("PutEvents", 2, Fault.throttling());

            PublishReport report = publisher(client).build().publish(orders(3), null);

            assertThat(report.allSucceeded()).isTrue();
            assertThat(report.requests()).isEqualTo(3);
            assertThat(proxy.injectedFaults()).isEqualTo(2);
            assertThat(receivedDetails()).hasSize(3).doesNotHaveDuplicates();
        }
    }

    @Test
    void aRequestThatFailsForGoodReportsEveryEntryWithTheErrorCode() {
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.eventBridge());
                EventBridgeClient client = proxy.configure(EventBridgeClient.builder())
                        .build()) {
            proxy.failNext("PutEvents", 10, Fault.serverError());

            PublishReport report = publisher(client).retryPolicy(POLICY.toBuilder().maxAttempts(2).build()).build()
                    .publish(orders(2), null);

            assertThat(report.published()).isZero();
            assertThat(report.failed()).hasSize(2).allSatisfy(f -> {
                assertThat(f.errorCode()).isEqualTo("InternalServerError");
                assertThat(f.attempts()).isEqualTo(2);
            });
            assertThat(receivedDetails()).isEmpty();
        }
    }

    @Test
    void packsBySizeAsEventBridgeCountsIt(EventBridgeClient client) {
        String hundredKb = "x".repeat(100 * 1024);
        List<EventBridgeEntry> big = IntStream.range(0, 5)
                .mapToObj(i -> EventBridgeEntry.of("shop.images", "Big", "{\"i\":" + i + ",\"p\":\"" + hundredKb + "\"}"))
                .toList();

        PublishReport report = publisher(client).build().publish(big, null);

        assertThat(report.allSucceeded()).isTrue();
        assertThat(report.requests()).isEqualTo(3);
        assertThat(eventBridge.receivedEntries()).hasSize(5);
    }

    @Test
    void anOversizedEntryIsRefusedBeforeAnyCall(EventBridgeClient client) {
        List<EventBridgeEntry> entries = List.of(
                EventBridgeEntry.of("shop.orders", "Ok", "{}"),
                EventBridgeEntry.of("shop.orders", "TooBig", "{\"p\":\"" + "y".repeat(256 * 1024) + "\"}"));

        assertThatThrownBy(() -> publisher(client).build().publish(entries, null))
                .isInstanceOf(EventBridgeEntryTooLargeException.class)
                .hasMessageContaining("entry 1 (shop.orders / TooBig)")
                .hasMessageContaining("Nothing was published");
        assertThat(eventBridge.putEventsRequests()).isZero();
    }

    @Test
    void nearTheDeadlineRetryableEntriesAreReportedInsteadOfRetried(EventBridgeClient client) {
        eventBridge.rejectEntries(e -> true, Integer.MAX_VALUE, "ThrottlingException", "Rate exceeded");
        TestLambdaContext context = TestLambdaContext.onFakeClock(Duration.ofMillis(520));

        PublishReport report = publisher(client).retryPolicy(POLICY.toBuilder().maxAttempts(5)
                .throttledBackoff(Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1))).build())
                .build().publish(orders(2), context);

        assertThat(report.failed()).hasSize(2).allSatisfy(f -> {
            assertThat(f.errorCode()).isEqualTo(RetryPolicy.DEADLINE_ERROR_CODE);
            assertThat(f.errorMessage()).contains("ThrottlingException");
            assertThat(f.attempts()).isEqualTo(1);
        });
    }

    @Test
    void anEventBridgeThatThrottlesEveryCallHoldsThePublisherNoLongerThanTheContextsRemainingTime() {
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.eventBridge());
                EventBridgeClient client = proxy.configure(EventBridgeClient.builder()).build()) {
            proxy.failNext("PutEvents", Integer.MAX_VALUE, Fault.throttling());
            TestLambdaContext context = TestLambdaContext.withRemainingTime(Duration.ofSeconds(3));

            long started = System.nanoTime();
            PublishReport report = EventBridgePublisher.builder().eventBridgeClient(client)
                    .retryPolicy(RetryPolicy.builder().maxAttempts(1_000).build()).build()
                    .publish(orders(3), context);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(Duration.ofSeconds(3));
            assertThat(report.published()).isZero();
            assertThat(report.failed()).hasSize(3).allSatisfy(f -> {
                assertThat(f.errorCode()).isEqualTo(RetryPolicy.DEADLINE_ERROR_CODE);
                assertThat(f.errorMessage()).contains("ThrottlingException");
            });
            assertThat(receivedDetails()).isEmpty();
        }
    }

    @Test
    void anEventBridgeThatNeverAnswersIsCutOffAtTheDeadlineAndTheEntriesAreReported() {
        try (FaultProxy proxy = FaultProxy.inFrontOf(LocalAws.eventBridge());
                EventBridgeClient client = proxy.configure(EventBridgeClient.builder()).build()) {
            proxy.failNext("PutEvents", Integer.MAX_VALUE, Fault.delay(Duration.ofMinutes(2)));
            TestLambdaContext context = TestLambdaContext.withRemainingTime(Duration.ofSeconds(3));

            long started = System.nanoTime();
            PublishReport report = publisher(client).build().publish(orders(2), context);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isLessThan(Duration.ofSeconds(3));
            assertThat(report.failed()).hasSize(2).allSatisfy(f -> {
                assertThat(f.errorCode()).isEqualTo(RetryPolicy.DEADLINE_ERROR_CODE);
                assertThat(f.errorMessage()).contains("may or may not have taken");
            });
        }
    }

    @Test
    void everyEntryCarriesTheInvocationsTraceHeader(EventBridgeClient client) {
        String before = System.getProperty("com.amazonaws.xray.traceHeader");
        System.setProperty("com.amazonaws.xray.traceHeader", "Root=1-67891233-abcdef012345678912345678;Sampled=1");
        try {
            publisher(client).build().publish(orders(2), TestLambdaContext.onFakeClock(Duration.ofSeconds(10)));
        } finally {
            if (before == null) {
                System.clearProperty("com.amazonaws.xray.traceHeader");
            } else {
                System.setProperty("com.amazonaws.xray.traceHeader", before);
            }
        }
        assertThat(eventBridge.receivedEntries()).hasSize(2).allSatisfy(e -> assertThat(e.traceHeader())
                .isEqualTo("Root=1-67891233-abcdef012345678912345678;Sampled=1"));
    }

    @Test
    void theEntrySizeFollowsTheDocumentedFormula() {
        PutEventsRequestEntry entry = PutEventsRequestEntry.builder().source("src").detailType("type")
                .detail("{\"é\":1}").resources("arn:a", "arn:bc").time(Instant.EPOCH).build();
        // 14 (time) + 3 + 4 + 8 (é is 2 bytes) + 5 + 6
        assertThat(EventBridgePublisher.entrySize(entry)).isEqualTo(40);
    }
}
