/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.dlq.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson mapper of DLQ replay (thread-safe once configured). */
public final class Json {

    /** Shared mapper; never reconfigured after class initialisation. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /**
     * Parses a body as JSON.
     *
     * @param text the text
     * @return the tree, or null when the text is not JSON
     */
    public static JsonNode parseOrNull(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
