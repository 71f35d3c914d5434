/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency.internal;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Canonical JSON, SHA-256 and JSON Pointer evaluation for keys and payloads. Stateless and thread-safe. */
public final class Json {

    /** Writes canonical trees; independent of the user's mapper so that its settings never change a hash. */
    private static final ObjectMapper CANONICAL = new ObjectMapper();

    private Json() {}

    /**
     * The canonical text of a key: a string as it is, anything else as canonical JSON.
     *
     * @param key the raw key
     * @param mapper the user's mapper, to turn objects into trees
     * @return the canonical key, or null when the key is missing (null, blank, JSON null, empty container)
     */
    public static String canonicalKey(Object key, ObjectMapper mapper) {
        if (key == null) {
            return null;
        }
        if (key instanceof CharSequence text) {
            String s = text.toString();
            return s.isBlank() ? null : s;
        }
        JsonNode node = key instanceof JsonNode tree ? tree : mapper.valueToTree(key);
        if (node == null || node.isNull() || node.isMissingNode() || (node.isContainerNode() && node.isEmpty())) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue().isBlank() ? null : node.textValue();
        }
        return canonical(node);
    }

    /**
     * A tree of any value, through the user's mapper.
     *
     * @param value the value
     * @param mapper the user's mapper
     * @return its tree; a {@link JsonNode} is returned as it is
     */
    public static JsonNode tree(Object value, ObjectMapper mapper) {
        if (value instanceof JsonNode node) {
            return node;
        }
        JsonNode node = mapper.valueToTree(value);
        return node == null ? JsonNodeFactory.instance.nullNode() : node;
    }

    /**
     * Canonical JSON: object properties sorted by name at every level, no whitespace.
     *
     * @param node the tree
     * @return its canonical text
     */
    public static String canonical(JsonNode node) {
        try {
            return CANONICAL.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                fields.put(field.getKey(), sorted(field.getValue()));
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(element -> out.add(sorted(element)));
            return out;
        }
        return node;
    }

    /**
     * SHA-256 of the UTF-8 bytes of {@code text}, as 64 lower-case hex digits.
     *
     * @param text the text
     * @return the hex digest
     */
    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Parses text that holds a JSON object or array.
     *
     * @param text the text
     * @param mapper a mapper to parse with
     * @return the tree, or empty when the text is not a JSON object or array
     */
    public static Optional<JsonNode> parsedContainer(String text, ObjectMapper mapper) {
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return Optional.empty();
        }
        try {
            JsonNode node = mapper.readTree(trimmed);
            return node != null && node.isContainerNode() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
    }

    /**
     * Evaluates a JSON Pointer, and where it meets a string while segments remain, parses that string as JSON and
     * goes on: so {@code /body/orderId} works on an API Gateway or SQS event whose {@code body} is a JSON string.
     *
     * @param root the tree
     * @param pointer the pointer
     * @param mapper a mapper to parse embedded JSON strings
     * @return the node, or a missing node
     */
    public static JsonNode at(JsonNode root, JsonPointer pointer, ObjectMapper mapper) {
        JsonNode node = root;
        JsonPointer rest = pointer;
        while (!rest.matches()) {
            if (node == null || node.isMissingNode() || node.isNull()) {
                return MissingNode.getInstance();
            }
            if (node.isTextual()) {
                try {
                    node = mapper.readTree(node.textValue());
                } catch (JsonProcessingException notJson) {
                    return MissingNode.getInstance();
                }
                continue;
            }
            if (node.isObject()) {
                node = node.get(rest.getMatchingProperty());
            } else if (node.isArray() && rest.getMatchingIndex() >= 0) {
                node = node.get(rest.getMatchingIndex());
            } else {
                return MissingNode.getInstance();
            }
            rest = rest.tail();
        }
        return node == null ? MissingNode.getInstance() : node;
    }
}
