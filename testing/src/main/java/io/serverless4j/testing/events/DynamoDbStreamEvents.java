/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing.events;

import io.serverless4j.events.dynamodb.AttributeValue;
import io.serverless4j.events.dynamodb.DynamoDbStreamEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds DynamoDB Streams events with stream view type {@code NEW_AND_OLD_IMAGES}.
 *
 * <p>Stateless apart from a JVM-wide id counter; thread-safe.
 */
public final class DynamoDbStreamEvents {

    /** The ARN of the stream the built records come from. */
    public static final String STREAM_ARN = "arn:aws:dynamodb:" + TestIds.REGION + ":" + TestIds.ACCOUNT
            + ":table/test-table/stream/2026-01-01T00:00:00.000";

    private DynamoDbStreamEvents() {
    }

    /**
     * Returns an event with one {@code INSERT}.
     *
     * @param keys the item's key attributes
     * @param newImage the inserted item
     * @return the event
     * @throws NullPointerException if an argument is null
     */
    public static DynamoDbStreamEvent insert(Map<String, AttributeValue> keys, Map<String, AttributeValue> newImage) {
        return event("INSERT", keys, Objects.requireNonNull(newImage, "newImage"), Map.of());
    }

    /**
     * Returns an event with one {@code MODIFY}.
     *
     * @param keys the item's key attributes
     * @param oldImage the item before
     * @param newImage the item after
     * @return the event
     * @throws NullPointerException if an argument is null
     */
    public static DynamoDbStreamEvent modify(Map<String, AttributeValue> keys, Map<String, AttributeValue> oldImage,
            Map<String, AttributeValue> newImage) {
        return event("MODIFY", keys, Objects.requireNonNull(newImage, "newImage"),
                Objects.requireNonNull(oldImage, "oldImage"));
    }

    /**
     * Returns an event with one {@code REMOVE}.
     *
     * @param keys the item's key attributes
     * @param oldImage the removed item
     * @return the event
     * @throws NullPointerException if an argument is null
     */
    public static DynamoDbStreamEvent remove(Map<String, AttributeValue> keys, Map<String, AttributeValue> oldImage) {
        return event("REMOVE", keys, Map.of(), Objects.requireNonNull(oldImage, "oldImage"));
    }

    private static DynamoDbStreamEvent event(String eventName, Map<String, AttributeValue> keys,
            Map<String, AttributeValue> newImage, Map<String, AttributeValue> oldImage) {
        String sequenceNumber = String.format("44215845%020d", TestIds.nextNumber());
        DynamoDbStreamEvent.StreamRecord change = new DynamoDbStreamEvent.StreamRecord(
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Objects.requireNonNull(keys, "keys"), newImage,
                oldImage, sequenceNumber, 64L, "NEW_AND_OLD_IMAGES");
        return new DynamoDbStreamEvent(List.of(new DynamoDbStreamEvent.Record(TestIds.uuid().replace("-", ""),
                eventName, "1.1", "aws:dynamodb", TestIds.REGION, STREAM_ARN, change, null)));
    }
}
