/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * Answers the AWS JSON 1.1 {@code AWSEvents.PutEvents} call: records each accepted entry and answers with an
 * event id per entry, or with an error code for entries a test asked to reject.
 */
public final class PutEventsResponder implements ResponseDefinitionTransformerV2 {

    /** The extension's name, referenced by the stub. */
    public static final String NAME = "serverless4j-put-events";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConcurrentLinkedQueue<PutEventsRequestEntry> received = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Rejection> rejections = new CopyOnWriteArrayList<>();

    /**
     * A rule that rejects matching entries.
     *
     * @param matches which entries
     * @param errorCode the ErrorCode answered
     * @param errorMessage the ErrorMessage answered
     * @param budget how many more matching entries to reject
     */
    public record Rejection(
            Predicate<PutEventsRequestEntry> matches, String errorCode, String errorMessage, Budget budget) {
        boolean take(PutEventsRequestEntry entry) {
            return matches.test(entry) && budget.tryTake();
        }
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        JsonNode request;
        try {
            request = JSON.readTree(serveEvent.getRequest().getBody());
        } catch (IOException e) {
            return error(400, "ValidationException", "the PutEvents body is not JSON: " + e.getMessage());
        }
        JsonNode entries = request == null ? null : request.get("Entries");
        if (entries == null || !entries.isArray() || entries.isEmpty() || entries.size() > 10) {
            return error(400, "ValidationException", "PutEvents needs 1 to 10 Entries");
        }
        requests.incrementAndGet();
        ObjectNode response = JSON.createObjectNode();
        ArrayNode results = response.putArray("Entries");
        int failed = 0;
        for (JsonNode node : entries) {
            PutEventsRequestEntry entry = toEntry(node);
            Rejection rejection = rejections.stream().filter(r -> r.take(entry)).findFirst().orElse(null);
            ObjectNode result = results.addObject();
            if (rejection != null) {
                failed++;
                result.put("ErrorCode", rejection.errorCode()).put("ErrorMessage", rejection.errorMessage());
            } else {
                received.add(entry);
                result.put("EventId", UUID.randomUUID().toString());
            }
        }
        response.put("FailedEntryCount", failed);
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(response.toString())
                .build();
    }

    private static PutEventsRequestEntry toEntry(JsonNode node) {
        PutEventsRequestEntry.Builder entry = PutEventsRequestEntry.builder()
                .source(text(node, "Source"))
                .detailType(text(node, "DetailType"))
                .detail(text(node, "Detail"))
                .eventBusName(text(node, "EventBusName"))
                .traceHeader(text(node, "TraceHeader"));
        JsonNode time = node.get("Time");
        if (time != null && time.isNumber()) {
            // The SDK sends timestamps as epoch seconds with a fraction.
            entry.time(Instant.ofEpochMilli(Math.round(time.asDouble() * 1000)));
        }
        JsonNode resources = node.get("Resources");
        if (resources != null && resources.isArray()) {
            List<String> list = new ArrayList<>();
            resources.forEach(r -> list.add(r.asText()));
            entry.resources(list);
        }
        return entry.build();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static ResponseDefinition error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode().put("__type", code).put("message", message);
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-ErrorType", code)
                .withBody(body.toString())
                .build();
    }

    /**
     * The entries accepted so far, in arrival order.
     *
     * @return a snapshot
     */
    public List<PutEventsRequestEntry> received() {
        return List.copyOf(new ArrayList<>(received));
    }

    /**
     * How many well-formed PutEvents requests arrived.
     *
     * @return the count
     */
    public int requests() {
        return requests.get();
    }

    /**
     * Adds a rejection rule.
     *
     * @param rejection the rule
     */
    public void reject(Rejection rejection) {
        rejections.add(rejection);
    }

    /** Forgets received entries, request counts and rejection rules. */
    public void reset() {
        received.clear();
        rejections.clear();
        requests.set(0);
    }
}
