/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.serverless4j.events.Events;
import io.serverless4j.events.eventbridge.EventBridgeEvent;
import io.serverless4j.events.eventbridge.ScheduledEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Builds EventBridge events: scheduled rule invocations and events with any detail.
 *
 * <p>Stateless; thread-safe.
 */
public final class EventBridgeEvents {

    private EventBridgeEvents() {
    }

    /**
     * Returns the event of rule {@code test-schedule} firing now (to the second, as EventBridge sends it).
     *
     * @return the event
     */
    public static ScheduledEvent scheduled() {
        return scheduled(Instant.now().truncatedTo(ChronoUnit.SECONDS), "test-schedule");
    }

    /**
     * Returns the event of rule {@code ruleName} firing at {@code time}.
     *
     * @param time the scheduled time
     * @param ruleName the rule's name
     * @return the event
     * @throws NullPointerException if an argument is null
     */
    public static ScheduledEvent scheduled(Instant time, String ruleName) {
        return new ScheduledEvent("0", TestIds.uuid(), "Scheduled Event", "aws.events", TestIds.ACCOUNT,
                Objects.requireNonNull(time, "time"), TestIds.REGION,
                List.of("arn:aws:events:" + TestIds.REGION + ":" + TestIds.ACCOUNT + ":rule/"
                        + Objects.requireNonNull(ruleName, "ruleName")));
    }

    /**
     * Returns an event from {@code source} with {@code detail} written as JSON, e.g. your own record.
     *
     * @param source the source, e.g. {@code com.example.orders}
     * @param detailType the detail type, e.g. {@code OrderPlaced}
     * @param detail the detail; written with {@code Events.write}
     * @return the event, timestamped now
     * @throws NullPointerException if an argument is null
     */
    public static EventBridgeEvent of(String source, String detailType, Object detail) {
        return of(source, detailType, detail, List.of());
    }

    static EventBridgeEvent of(String source, String detailType, Object detail, List<String> resources) {
        JsonNode tree = Events.parse(Events.write(Objects.requireNonNull(detail, "detail")), JsonNode.class);
        return new EventBridgeEvent("0", TestIds.uuid(), Objects.requireNonNull(detailType, "detailType"),
                Objects.requireNonNull(source, "source"), TestIds.ACCOUNT,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), TestIds.REGION, resources, tree, null);
    }
}
