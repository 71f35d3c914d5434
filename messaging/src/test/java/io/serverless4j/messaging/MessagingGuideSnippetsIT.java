/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import io.serverless4j.testing.LocalAws;
import io.serverless4j.testing.LocalEventBridge;
import io.serverless4j.testing.TestLambdaContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The snippets of docs/messaging.md, compiled and run against the EventBridge stub. */
@ExtendWith(LocalAws.class)
class MessagingGuideSnippetsIT {

    record OrderAccepted(String orderId, int total) {}

    // tag::publish[]
    public static final class OrderEvents {
        private final EventBridgePublisher events;

        public OrderEvents(EventBridgeClient eventBridgeClient) {
            this.events = EventBridgePublisher.builder()
                    .eventBridgeClient(eventBridgeClient)
                    .eventBusName("orders")
                    .build();
        }

        public PublishReport accepted(List<OrderAccepted> orders, Context context) {
            PublishReport report = events.publish(orders.stream()
                    .map(order -> EventBridgeEntry.of("shop.orders", "OrderAccepted", order))
                    .toList(), context);
            // report.failed(): each entry that failed for good, with its error code and attempts
            return report;
        }
    }
    // end::publish[]

    @Test
    void publishesEachOrderOnce(EventBridgeClient eventBridgeClient, LocalEventBridge eventBridge) {
        eventBridge.reset();
        PublishReport report = new OrderEvents(eventBridgeClient).accepted(
                List.of(new OrderAccepted("o-1", 42), new OrderAccepted("o-2", 7)),
                TestLambdaContext.onFakeClock(Duration.ofSeconds(30)));
        assertThat(report.allSucceeded()).isTrue();
        assertThat(eventBridge.receivedEntries()).extracting(e -> e.detail())
                .containsExactly("{\"orderId\":\"o-1\",\"total\":42}", "{\"orderId\":\"o-2\",\"total\":7}");
    }
}
