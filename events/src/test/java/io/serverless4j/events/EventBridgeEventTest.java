/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.serverless4j.events.eventbridge.EventBridgeEvent;
import io.serverless4j.events.eventbridge.ScheduledEvent;
import io.serverless4j.events.s3.S3ObjectEventDetail;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBridgeEventTest {

    record OrderPlaced(String orderId, int quantity) {
    }

    @Test
    void parsesTheEnvelopeAndBindsTheS3ObjectCreatedDetail() {
        EventBridgeEvent event = Events.parse(Fixtures.read("eventbridge-s3-object-created.json"),
                EventBridgeEvent.class);
        assertThat(event.id()).isEqualTo("17793124-05d4-b198-2fde-7ededc63b103");
        assertThat(event.detailType()).isEqualTo("Object Created");
        assertThat(event.source()).isEqualTo("aws.s3");
        assertThat(event.account()).isEqualTo("111122223333");
        assertThat(event.time()).isEqualTo(Instant.parse("2021-11-12T00:00:00Z"));
        assertThat(event.region()).isEqualTo("ca-central-1");
        assertThat(event.resources()).containsExactly("arn:aws:s3:::amzn-s3-demo-bucket1");

        S3ObjectEventDetail detail = event.detail(S3ObjectEventDetail.class);
        assertThat(detail.bucket().name()).isEqualTo("amzn-s3-demo-bucket1");
        assertThat(detail.object().key()).isEqualTo("example-key");
        assertThat(detail.object().size()).isEqualTo(5L);
        assertThat(detail.object().etag()).isEqualTo("b1946ac92492d2347c6235b4d2611184");
        assertThat(detail.object().versionId()).isEqualTo("IYV3p45BT0ac8hjHg1houSdS1a.Mro8e");
        assertThat(detail.requestId()).isEqualTo("N4N7GDK58NMKJ12R");
        assertThat(detail.sourceIpAddress()).isEqualTo("1.2.3.4");
        assertThat(detail.reason()).isEqualTo("PutObject");
        assertThat(detail.deletionType()).isNull();
    }

    @Test
    void bindsTheS3ObjectDeletedDetail() {
        EventBridgeEvent event = Events.parse(Fixtures.read("eventbridge-s3-object-deleted.json"),
                EventBridgeEvent.class);
        S3ObjectEventDetail detail = event.detail(S3ObjectEventDetail.class);
        assertThat(detail.deletionType()).isEqualTo("Delete Marker Created");
        assertThat(detail.reason()).isEqualTo("DeleteObject");
        assertThat(detail.object().size()).isNull();
    }

    @Test
    void bindsACustomDetailToARecordOrAGenericType() {
        EventBridgeEvent event = Events.parse("{\"id\":\"e-1\",\"detail-type\":\"OrderPlaced\",\"source\":\"shop\","
                + "\"time\":\"2024-01-01T10:00:00Z\",\"detail\":{\"orderId\":\"o-1\",\"quantity\":2}}",
                EventBridgeEvent.class);
        assertThat(event.detail(OrderPlaced.class)).isEqualTo(new OrderPlaced("o-1", 2));
        Map<String, Object> map = event.detail(new TypeReference<Map<String, Object>>() { });
        assertThat(map).containsEntry("quantity", 2);
        assertThat(event.resources()).isEmpty();
    }

    @Test
    void namesThePathWhenTheDetailDoesNotFitTheType() {
        EventBridgeEvent event = Events.parse("{\"id\":\"e-2\",\"detail-type\":\"OrderPlaced\",\"source\":\"shop\","
                + "\"time\":\"2024-01-01T10:00:00Z\",\"detail\":{\"orderId\":\"o-1\",\"quantity\":\"two\"}}",
                EventBridgeEvent.class);
        assertThatThrownBy(() -> event.detail(OrderPlaced.class))
                .isInstanceOf(EventParseException.class)
                .hasMessage("EventBridgeEvent e-2 detail as OrderPlaced: quantity: expected a number, found a string");
    }

    @Test
    void returnsACopyOfTheDetailSoTheEventStaysImmutable() {
        EventBridgeEvent event = Events.parse(Fixtures.read("eventbridge-s3-object-created.json"),
                EventBridgeEvent.class);
        ((ObjectNode) event.detail()).put("reason", "changed");
        assertThat(event.detail().get("reason").asText()).isEqualTo("PutObject");
    }

    @Test
    void readsAMissingDetailAsAnEmptyObject() {
        EventBridgeEvent event = new EventBridgeEvent("0", "id", "t", "s", null, Instant.EPOCH, null, null, null, null);
        assertThat(event.detail().isObject()).isTrue();
        assertThat(event.detail().size()).isZero();
    }

    @Test
    void parsesTheScheduledEventAndNamesItsRule() {
        ScheduledEvent event = Events.parse(Fixtures.read("scheduled-event.json"), ScheduledEvent.class);
        assertThat(event.detailType()).isEqualTo("Scheduled Event");
        assertThat(event.source()).isEqualTo("aws.events");
        assertThat(event.time()).isEqualTo(Instant.parse("2019-03-01T01:23:45Z"));
        assertThat(event.ruleName()).isEqualTo("my-schedule");
        assertThat(new ScheduledEvent("0", "id", null, null, null, Instant.EPOCH, null, List.of()).ruleName()).isNull();
    }

    @Test
    void writesTheScheduledEventWithTheEmptyDetailAwsSends() {
        ScheduledEvent event = Events.parse(Fixtures.read("scheduled-event.json"), ScheduledEvent.class);
        assertThat(Events.write(event)).contains("\"detail\":{}").contains("\"detail-type\":\"Scheduled Event\"");
    }
}
