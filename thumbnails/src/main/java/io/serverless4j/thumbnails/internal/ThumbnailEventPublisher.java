/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.thumbnails.internal;

import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * Publishes {@code ThumbnailCreated} with one plain PutEvents call and no retries of its own (the SDK's standard
 * retries apply). Isolated here so that serverless4j-retry's EventBridgePublisher can replace it. Thread-safe.
 */
public final class ThumbnailEventPublisher {

    /** The event's detail type. */
    public static final String DETAIL_TYPE = "ThumbnailCreated";

    private final EventBridgeClient client;
    private final String eventBusName;
    private final String source;

    /**
     * Creates a publisher.
     *
     * @param client the client
     * @param eventBusName the bus
     * @param source the event source
     */
    public ThumbnailEventPublisher(EventBridgeClient client, String eventBusName, String source) {
        this.client = client;
        this.eventBusName = eventBusName;
        this.source = source;
    }

    /**
     * Publishes one event.
     *
     * @param detailJson the detail
     * @param resources ARNs the event is about
     * @throws IllegalStateException when EventBridge rejects the entry
     */
    public void publish(String detailJson, List<String> resources) {
        PutEventsResponse response = client.putEvents(r -> r.entries(e -> e.eventBusName(eventBusName)
                .source(source).detailType(DETAIL_TYPE).detail(detailJson).resources(resources)));
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            PutEventsResultEntry entry = response.entries().get(0);
            throw new IllegalStateException("EventBridge rejected the " + DETAIL_TYPE + " event: "
                    + entry.errorCode() + " " + entry.errorMessage());
        }
    }

    /**
     * Quotes a string for JSON.
     *
     * @param s the string
     * @return the quoted, escaped string
     */
    public static String json(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
