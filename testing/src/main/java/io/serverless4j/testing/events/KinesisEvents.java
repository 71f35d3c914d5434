/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing.events;

import io.serverless4j.events.kinesis.KinesisEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Builds Kinesis Data Streams events: one shard, increasing sequence numbers, payloads base64-encoded as Lambda
 * delivers them.
 *
 * <p>Stateless apart from a JVM-wide id counter; thread-safe.
 */
public final class KinesisEvents {

    /** The ARN of the stream the built records come from. */
    public static final String STREAM_ARN = "arn:aws:kinesis:" + TestIds.REGION + ":" + TestIds.ACCOUNT
            + ":stream/test-stream";

    private KinesisEvents() {
    }

    /**
     * Returns an event with one record per UTF-8 payload, all with partition key {@code pk}.
     *
     * @param payloads the record payloads, e.g. JSON
     * @return the event
     * @throws NullPointerException if a payload is null
     */
    public static KinesisEvent of(String... payloads) {
        List<KinesisEvent.Record> records = new ArrayList<>();
        for (String payload : payloads) {
            String sequenceNumber = String.format("4959033827149025660855969253836157109592157598913%07d",
                    TestIds.nextNumber());
            KinesisEvent.Data data = new KinesisEvent.Data("1.0", "pk", sequenceNumber,
                    Base64.getEncoder().encodeToString(Objects.requireNonNull(payload, "payload")
                            .getBytes(StandardCharsets.UTF_8)),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), null);
            records.add(new KinesisEvent.Record(data, "aws:kinesis", "1.0", "shardId-000000000000:" + sequenceNumber,
                    "aws:kinesis:record", "arn:aws:iam::" + TestIds.ACCOUNT + ":role/lambda-role", TestIds.REGION,
                    STREAM_ARN));
        }
        return new KinesisEvent(records);
    }
}
