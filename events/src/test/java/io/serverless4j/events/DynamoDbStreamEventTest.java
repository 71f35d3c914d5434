/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.serverless4j.events.dynamodb.AttributeValue;
import io.serverless4j.events.dynamodb.DynamoDbImages;
import io.serverless4j.events.dynamodb.DynamoDbStreamEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

class DynamoDbStreamEventTest {

    private final DynamoDbStreamEvent event = Events.parse(Fixtures.read("dynamodb-stream-event.json"),
            DynamoDbStreamEvent.class);

    @Test
    void parsesTheRecordsAndTheirMetadata() {
        assertThat(event.records()).extracting(DynamoDbStreamEvent.Record::eventName)
                .containsExactly("INSERT", "MODIFY", "REMOVE");
        DynamoDbStreamEvent.Record insert = event.records().get(0);
        assertThat(insert.eventId()).isEqualTo("c4ca4238a0b923820dcc509a6f75849b");
        assertThat(insert.eventSourceArn()).contains(":table/ExampleTableWithStream/stream/");
        assertThat(insert.dynamodb().sequenceNumber()).isEqualTo("4421584500000000017450439091");
        assertThat(insert.dynamodb().sizeBytes()).isEqualTo(26L);
        assertThat(insert.dynamodb().streamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(insert.dynamodb().approximateCreationDateTime()).isEqualTo(Instant.ofEpochSecond(1428537600));
        assertThat(insert.dynamodb().oldImage()).isEmpty();
        assertThat(insert.userIdentity()).isNull();
    }

    @Test
    void readsFractionalEpochSecondsToTheMillisecond() {
        assertThat(event.records().get(1).dynamodb().approximateCreationDateTime())
                .isEqualTo(Instant.ofEpochSecond(1428537600, 123_000_000));
    }

    @Test
    void readsTheTtlDeletionIdentity() {
        DynamoDbStreamEvent.Record remove = event.records().get(2);
        assertThat(remove.userIdentity().type()).isEqualTo("Service");
        assertThat(remove.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
        assertThat(remove.dynamodb().newImage()).isEmpty();
    }

    @Test
    void readsEveryAttributeType() {
        Map<String, AttributeValue> image = event.records().get(0).dynamodb().newImage();
        assertThat(image.get("Message")).isEqualTo(new AttributeValue.StringValue("New item!"));
        assertThat(((AttributeValue.NumberValue) image.get("Id")).bigDecimalValue()).isEqualTo(new BigDecimal("101"));
        assertThat(((AttributeValue.BinaryValue) image.get("Photo")).bytes()).containsExactly(0, 1, 2);
        assertThat(image.get("Tags")).isEqualTo(new AttributeValue.StringSet(List.of("new", "blue")));
        assertThat(image.get("Scores")).isEqualTo(new AttributeValue.NumberSet(List.of("1", "2.5")));
        assertThat(((AttributeValue.BinarySet) image.get("Thumbnails")).bytes())
                .containsExactly(new byte[] {1}, new byte[] {2});
        AttributeValue.MapValue address = (AttributeValue.MapValue) image.get("Address");
        assertThat(address.values().get("City")).isEqualTo(new AttributeValue.StringValue("Berlin"));
        assertThat(address.values().get("Geo")).isEqualTo(new AttributeValue.ListValue(List.of(
                new AttributeValue.NumberValue("52.52"), new AttributeValue.NumberValue("13.40"))));
        assertThat(image.get("History")).isEqualTo(new AttributeValue.ListValue(List.of(
                new AttributeValue.StringValue("created"), new AttributeValue.BoolValue(true),
                new AttributeValue.NullValue())));
        assertThat(image.get("Archived")).isEqualTo(new AttributeValue.BoolValue(false));
        assertThat(image.get("Deleted")).isEqualTo(new AttributeValue.NullValue());
    }

    @Test
    void convertsImagesToSdkAttributeValues() {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk =
                DynamoDbImages.toSdk(event.records().get(0).dynamodb().newImage());
        assertThat(sdk.get("Message").s()).isEqualTo("New item!");
        assertThat(sdk.get("Id").n()).isEqualTo("101");
        assertThat(sdk.get("Photo").b()).isEqualTo(SdkBytes.fromByteArray(new byte[] {0, 1, 2}));
        assertThat(sdk.get("Tags").ss()).containsExactly("new", "blue");
        assertThat(sdk.get("Scores").ns()).containsExactly("1", "2.5");
        assertThat(sdk.get("Thumbnails").bs()).containsExactly(SdkBytes.fromByteArray(new byte[] {1}),
                SdkBytes.fromByteArray(new byte[] {2}));
        assertThat(sdk.get("Address").m().get("Geo").l().get(0).n()).isEqualTo("52.52");
        assertThat(sdk.get("History").l().get(1).bool()).isTrue();
        assertThat(sdk.get("History").l().get(2).nul()).isTrue();
        assertThat(sdk.get("Archived").bool()).isFalse();
        assertThat(sdk.get("Deleted").nul()).isTrue();
        assertThat(sdk).hasSameSizeAs(event.records().get(0).dynamodb().newImage());
    }

    @Test
    void rejectsANumberThatIsNotDecimal() {
        assertThatThrownBy(() -> new AttributeValue.NumberValue("12abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a decimal number");
        assertThatThrownBy(() -> new AttributeValue.NumberSet(List.of("1", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NS[1]");
    }

    @Test
    void buildsBinaryValuesFromBytes() {
        assertThat(AttributeValue.BinaryValue.of(new byte[] {0, 1, 2})).isEqualTo(new AttributeValue.BinaryValue("AAEC"));
    }
}
