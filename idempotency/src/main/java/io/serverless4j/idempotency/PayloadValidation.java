/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.idempotency;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.serverless4j.idempotency.internal.Json;
import java.util.Objects;

/**
 * Which part of a payload must be the same when a key is reused. Its SHA-256 (over canonical JSON) is stored as
 * {@code payloadHash}; a later call with the same key and another hash gets
 * {@link IdempotencyPayloadMismatchException} instead of the stored result.
 *
 * <p>A part that is a string holding a JSON object or array (an event's {@code body}) is compared as JSON, so
 * property order and whitespace do not matter. Validate only what identifies the request: an API Gateway event or an SQS record carries per-delivery fields
 * (request time, receipt handle, receive count) that differ on every retry, so validate their {@code /body}, not
 * the whole event. Immutable and thread-safe.
 */
public final class PayloadValidation {

    private static final PayloadValidation NONE = new PayloadValidation(false, null, "none");
    private static final PayloadValidation WHOLE = new PayloadValidation(true, null, "whole payload");

    private final boolean enabled;
    private final JsonPointer pointer;
    private final String description;

    private PayloadValidation(boolean enabled, JsonPointer pointer, String description) {
        this.enabled = enabled;
        this.pointer = pointer;
        this.description = description;
    }

    /**
     * Validate the whole payload passed to the call. The default.
     *
     * @return the validation
     */
    public static PayloadValidation wholePayload() {
        return WHOLE;
    }

    /**
     * Validate the part of the payload at a JSON Pointer (evaluated as in {@link KeyExtractor#jsonPointer(String)},
     * so {@code /body} of an event also works when the body is a JSON string). A part that is absent hashes like
     * JSON {@code null}.
     *
     * @param pointer e.g. {@code /body}
     * @return the validation
     * @throws NullPointerException when {@code pointer} is null
     * @throws IllegalArgumentException when it is not a valid JSON Pointer
     */
    public static PayloadValidation jsonPointer(String pointer) {
        Objects.requireNonNull(pointer, "pointer");
        return new PayloadValidation(true, JsonPointer.compile(pointer), "JSON pointer " + pointer);
    }

    /**
     * No validation: a reused key returns the stored result whatever the payload; no {@code payloadHash} is stored.
     *
     * @return the validation
     */
    public static PayloadValidation none() {
        return NONE;
    }

    /** The payload hash, or null when not validating. */
    String hash(Object payload, ObjectMapper mapper) {
        if (!enabled) {
            return null;
        }
        JsonNode tree = Json.tree(payload, mapper);
        JsonNode part = pointer == null ? tree : Json.at(tree, pointer, mapper);
        if (part.isTextual()) {
            // A JSON document in a string (an event body) is compared as JSON: property order and spacing of a
            // client's retry must not make it a different payload.
            part = Json.parsedContainer(part.textValue(), mapper).orElse(part);
        }
        return Json.sha256(part.isMissingNode() ? "null" : Json.canonical(part));
    }

    @Override
    public String toString() {
        return "PayloadValidation[" + description + "]";
    }
}
