/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

@ExtendWith(LocalAws.class)
class EventBridgeStubIT {

    @BeforeEach
    void startClean(LocalEventBridge eventBridge) {
        eventBridge.reset();
    }

    private static PutEventsRequestEntry entry(String id) {
        return PutEventsRequestEntry.builder().source("orders").detailType("OrderAccepted")
                .detail("{\"orderId\":\"" + id + "\"}").eventBusName("default")
                .resources("arn:aws:s3:::bucket/" + id).time(Instant.parse("2026-11-25T10:15:30Z")).build();
    }

    @Test
    void putEventsRecordsEveryEntryAsTheSdkSentIt(EventBridgeClient client, LocalEventBridge eventBridge) {
        PutEventsResponse response = client.putEvents(b -> b.entries(entry("o-1"), entry("o-2")));

        assertThat(response.failedEntryCount()).isZero();
        assertThat(response.entries()).hasSize(2).allSatisfy(e -> assertThat(e.eventId()).isNotBlank());
        assertThat(eventBridge.receivedEntries()).containsExactly(entry("o-1"), entry("o-2"));
        assertThat(eventBridge.putEventsRequests()).isEqualTo(1);
    }

    @Test
    void rejectedEntriesComeBackWithTheirErrorCodeAndAreNotRecorded(EventBridgeClient client,
            LocalEventBridge eventBridge) {
        eventBridge.rejectEntries(e -> e.detail().contains("o-2"), 1, "ThrottlingException", "slow down");

        PutEventsResponse first = client.putEvents(b -> b.entries(entry("o-1"), entry("o-2"), entry("o-3")));
        assertThat(first.failedEntryCount()).isEqualTo(1);
        assertThat(first.entries()).extracting(PutEventsResultEntry::errorCode)
                .containsExactly(null, "ThrottlingException", null);

        PutEventsResponse retry = client.putEvents(b -> b.entries(entry("o-2")));
        assertThat(retry.failedEntryCount()).isZero();
        assertThat(eventBridge.receivedEntries()).containsExactly(entry("o-1"), entry("o-3"), entry("o-2"));
    }

    @Test
    void operationsOtherThanPutEventsAreRefusedByName(EventBridgeClient client) {
        assertThatThrownBy(() -> client.listRules(b -> b.namePrefix("x")))
                .isInstanceOf(EventBridgeException.class)
                .hasMessageContaining("PutEvents only");
    }
}
