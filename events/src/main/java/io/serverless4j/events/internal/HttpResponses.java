/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.serverless4j.events.apigateway.CorsPolicy;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The response logic that the API Gateway v1 and v2 response records share: bodies, headers, the standard
 * error shape and CORS.
 */
public final class HttpResponses {

    /** The JSON content type written with JSON bodies. */
    public static final String JSON = "application/json";

    private HttpResponses() {
    }

    /** The parts every response has, before they are put into a v1 or v2 record. */
    public record Parts(int statusCode, Map<String, String> headers, String body, boolean base64Encoded) {
    }

    /** The standard error body: {@code {"error":{"code","message","requestId"}}}. */
    record ErrorBody(@JsonProperty("error") Error error) {
        record Error(@JsonProperty("code") String code, @JsonProperty("message") String message,
                @JsonProperty("requestId") String requestId) {
        }
    }

    /**
     * Validates an HTTP status code.
     *
     * @param statusCode the code
     * @return the code
     * @throws IllegalArgumentException if it is not in 100..599
     */
    public static int checkStatus(int statusCode) {
        if (statusCode < 100 || statusCode > 599) {
            throw Checks.invalid("statusCode", "must be an HTTP status in 100..599, was " + statusCode);
        }
        return statusCode;
    }

    /** A response with {@code body} written as JSON; no body for a null {@code body}. */
    public static Parts json(int statusCode, Object body) {
        checkStatus(statusCode);
        if (body == null) {
            return new Parts(statusCode, Map.of(), null, false);
        }
        return new Parts(statusCode, Map.of("Content-Type", JSON), Json.write(body), false);
    }

    /** A response with neither body nor headers. */
    public static Parts empty(int statusCode) {
        return new Parts(checkStatus(statusCode), Map.of(), null, false);
    }

    /** A response with a binary body, base64-encoded as API Gateway requires. */
    public static Parts binary(int statusCode, byte[] body, String contentType) {
        checkStatus(statusCode);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(contentType, "contentType");
        return new Parts(statusCode, Map.of("Content-Type", contentType),
                Base64.getEncoder().encodeToString(body), true);
    }

    /** The standard error response for a 4xx or 5xx status. */
    public static Parts error(int statusCode, String code, String message, String requestId) {
        if (statusCode < 400 || statusCode > 599) {
            throw new IllegalArgumentException("an error response needs a 4xx or 5xx status, was " + statusCode);
        }
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        return json(statusCode, new ErrorBody(new ErrorBody.Error(code, message, requestId)));
    }

    /**
     * Returns a copy of {@code headers} with {@code name} set to {@code value}, replacing any header of the same
     * name in another letter case.
     */
    public static Map<String, String> withHeader(Map<String, String> headers, String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        copy.put(name, value);
        return copy;
    }

    /**
     * Returns a copy of {@code headers} with the CORS headers that {@code policy} gives a request from
     * {@code origin}; for an origin that is not allowed, only {@code Vary: Origin}.
     */
    public static Map<String, String> withCors(Map<String, String> headers, CorsPolicy policy, String origin,
            boolean preflight) {
        Objects.requireNonNull(policy, "policy");
        Map<String, String> result = new LinkedHashMap<>(headers);
        boolean anyOrigin = policy.allowedOrigins().contains("*");
        if (!anyOrigin || policy.allowCredentials()) {
            result = withHeader(result, "Vary", mergeVary(result, "Origin"));
        }
        if (!policy.allowsOrigin(origin)) {
            return result;
        }
        result = withHeader(result, "Access-Control-Allow-Origin", anyOrigin && !policy.allowCredentials()
                ? "*" : origin);
        if (policy.allowCredentials()) {
            result = withHeader(result, "Access-Control-Allow-Credentials", "true");
        }
        if (preflight) {
            result = withHeader(result, "Access-Control-Allow-Methods", String.join(",", policy.allowedMethods()));
            if (!policy.allowedHeaders().isEmpty()) {
                result = withHeader(result, "Access-Control-Allow-Headers", String.join(",", policy.allowedHeaders()));
            }
            if (policy.maxAge() != null) {
                result = withHeader(result, "Access-Control-Max-Age", Long.toString(policy.maxAge().toSeconds()));
            }
        }
        return result;
    }

    /** The answer to a preflight {@code OPTIONS} request: 204 with CORS headers, or 403 for a foreign origin. */
    public static Parts preflight(CorsPolicy policy, String origin) {
        Objects.requireNonNull(policy, "policy");
        int status = policy.allowsOrigin(origin) ? 204 : 403;
        return new Parts(status, withCors(Map.of(), policy, origin, true), null, false);
    }

    /** Finds a header by name in any letter case. */
    public static String header(Map<String, String> headers, String name) {
        String exact = headers.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String mergeVary(Map<String, String> headers, String value) {
        String existing = header(headers, "Vary");
        if (existing == null || existing.isBlank()) {
            return value;
        }
        for (String part : existing.split(",")) {
            if (part.trim().equalsIgnoreCase(value)) {
                return existing;
            }
        }
        return existing + ", " + value;
    }
}
