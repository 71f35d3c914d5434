/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.messaging;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One event to publish with {@link EventBridgePublisher}: a typed detail (any object Jackson can write, or a JSON
 * string) with its source and detail type.
 *
 * @param source the event's source, e.g. {@code com.example.orders}
 * @param detailType the event's detail type, e.g. {@code OrderAccepted}
 * @param detail the detail object, serialized to JSON when published; a {@link String} is taken as JSON as is
 * @param resources ARNs the event concerns; empty for none
 * @param time the event time; null lets EventBridge use the time of the call
 * @param eventBusName the bus name or ARN; null for the publisher's bus
 */
public record EventBridgeEntry(String source, String detailType, Object detail, List<String> resources, Instant time,
        String eventBusName) {

    /**
     * Validates the entry.
     *
     * @throws NullPointerException when source, detailType or detail is null
     * @throws IllegalArgumentException when source or detailType is blank
     */
    public EventBridgeEntry {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detailType, "detailType");
        Objects.requireNonNull(detail, "detail");
        if (source.isBlank() || detailType.isBlank()) {
            throw new IllegalArgumentException("source and detailType must not be blank");
        }
        resources = resources == null ? List.of() : List.copyOf(resources);
    }

    /**
     * An entry for the publisher's bus with no resources and no explicit time.
     *
     * @param source the source
     * @param detailType the detail type
     * @param detail the detail object
     * @return the entry
     */
    public static EventBridgeEntry of(String source, String detailType, Object detail) {
        return new EventBridgeEntry(source, detailType, detail, List.of(), null, null);
    }

    /**
     * This entry with resources.
     *
     * @param resources the ARNs
     * @return a new entry
     */
    public EventBridgeEntry withResources(List<String> resources) {
        return new EventBridgeEntry(source, detailType, detail, resources, time, eventBusName);
    }

    /**
     * This entry with an explicit time.
     *
     * @param time the event time
     * @return a new entry
     */
    public EventBridgeEntry withTime(Instant time) {
        return new EventBridgeEntry(source, detailType, detail, resources, time, eventBusName);
    }

    /**
     * This entry on another bus.
     *
     * @param eventBusName the bus name or ARN
     * @return a new entry
     */
    public EventBridgeEntry withEventBusName(String eventBusName) {
        return new EventBridgeEntry(source, detailType, detail, resources, time, eventBusName);
    }
}
