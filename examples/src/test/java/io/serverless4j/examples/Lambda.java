/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverless4j.events.Events;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Invokes a handler the way the Lambda runtime does: the event as JSON bytes in, the response as JSON bytes out. */
public final class Lambda {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Lambda() {}

    /**
     * Writes {@code event} as AWS sends it, invokes the handler with it and returns the output as a JSON tree.
     *
     * @param handler the handler
     * @param event an event record (e.g. from the testing module's builders) or a JSON string
     * @param context the invocation's context
     * @return the output; a missing node when the handler wrote nothing
     */
    public static JsonNode invoke(RequestStreamHandler handler, Object event, Context context) {
        byte[] input = event instanceof String json ? json.getBytes(StandardCharsets.UTF_8)
                : Events.write(event).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(input), output, context);
            return output.size() == 0 ? JSON.missingNode() : JSON.readTree(output.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a JSON string, e.g. an API response's body.
     *
     * @param json the JSON
     * @return the tree
     */
    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
