/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.serverless4j.events.kinesis.KinesisEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KinesisEventTest {

    @Test
    void parsesTheRecordsAndDecodesTheirData() {
        KinesisEvent event = Events.parse(Fixtures.read("kinesis-event.json"), KinesisEvent.class);
        assertThat(event.records()).hasSize(2);
        KinesisEvent.Record record = event.records().get(0);
        assertThat(record.eventSource()).isEqualTo("aws:kinesis");
        assertThat(record.eventName()).isEqualTo("aws:kinesis:record");
        assertThat(record.eventId()).startsWith("shardId-000000000006:");
        assertThat(record.eventSourceArn()).isEqualTo("arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream");
        assertThat(record.invokeIdentityArn()).isEqualTo("arn:aws:iam::123456789012:role/lambda-role");
        KinesisEvent.Data data = record.kinesis();
        assertThat(data.partitionKey()).isEqualTo("1");
        assertThat(data.sequenceNumber()).isEqualTo("49590338271490256608559692538361571095921575989136588898");
        assertThat(data.base64Data()).isEqualTo("SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==");
        assertThat(data.dataAsString()).isEqualTo("Hello, this is a test.");
        assertThat(new String(data.data(), StandardCharsets.UTF_8)).isEqualTo("Hello, this is a test.");
        assertThat(data.approximateArrivalTimestamp()).isEqualTo(Instant.ofEpochSecond(1545084650, 987_000_000));
        assertThat(event.records().get(1).kinesis().dataAsString()).isEqualTo("This is only a test.");
    }

    @Test
    void returnsAFreshCopyOfTheDecodedData() {
        KinesisEvent.Data data = Events.parse(Fixtures.read("kinesis-event.json"), KinesisEvent.class)
                .records().get(0).kinesis();
        data.data()[0] = 0;
        assertThat(data.dataAsString()).startsWith("Hello");
    }
}
