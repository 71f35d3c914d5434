/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.apigateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.serverless4j.events.internal.Checks;
import io.serverless4j.events.internal.HttpResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The response of a Lambda behind a REST API proxy integration (or an HTTP API with payload format 1.0).
 *
 * <p>Build it with the factories, which write JSON bodies with the library's mapper, and refine it with the
 * {@code with*} methods, which return new instances:
 * <pre>{@code
 * return ApiGatewayV1ProxyResponse.created("/orders/" + order.id(), order).withCors(CORS, request.header("origin"));
 * }</pre>
 * Immutable and thread-safe.
 *
 * @param statusCode the HTTP status, 100..599 (JSON {@code statusCode})
 * @param headers response headers; never null (JSON {@code headers})
 * @param multiValueHeaders headers with several values, e.g. {@code Set-Cookie}; never null
 *     (JSON {@code multiValueHeaders})
 * @param body the body, base64 when {@code base64Encoded}; null for none (JSON {@code body})
 * @param base64Encoded whether {@code body} is base64 of binary content (JSON {@code isBase64Encoded})
 */
public record ApiGatewayV1ProxyResponse(
        @JsonProperty("statusCode") int statusCode,
        @JsonProperty("headers") Map<String, String> headers,
        @JsonProperty("multiValueHeaders") Map<String, List<String>> multiValueHeaders,
        @JsonProperty("body") String body,
        @JsonProperty("isBase64Encoded") boolean base64Encoded) {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if {@code statusCode} is not in 100..599, or a header is null
     */
    public ApiGatewayV1ProxyResponse {
        HttpResponses.checkStatus(statusCode);
        headers = Checks.map(headers, "headers");
        multiValueHeaders = copyMultiValue(multiValueHeaders);
    }

    private static Map<String, List<String>> copyMultiValue(Map<String, List<String>> multiValueHeaders) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Checks.map(multiValueHeaders, "multiValueHeaders")
                .forEach((name, values) -> copy.put(name, Checks.list(values, "multiValueHeaders." + name)));
        return Map.copyOf(copy);
    }

    private static ApiGatewayV1ProxyResponse of(HttpResponses.Parts parts) {
        return new ApiGatewayV1ProxyResponse(parts.statusCode(), parts.headers(), Map.of(), parts.body(),
                parts.base64Encoded());
    }

    /**
     * Returns 200 with {@code body} as JSON.
     *
     * @param body the value to write as JSON; null for no body
     * @return the response
     * @throws IllegalArgumentException if {@code body} cannot be written as JSON
     */
    public static ApiGatewayV1ProxyResponse ok(Object body) {
        return of(HttpResponses.json(200, body));
    }

    /**
     * Returns {@code statusCode} with {@code body} as JSON.
     *
     * @param statusCode the HTTP status
     * @param body the value to write as JSON; null for no body
     * @return the response
     * @throws IllegalArgumentException if the status is not in 100..599 or {@code body} cannot be written
     */
    public static ApiGatewayV1ProxyResponse json(int statusCode, Object body) {
        return of(HttpResponses.json(statusCode, body));
    }

    /**
     * Returns 201 with a {@code Location} header and {@code body} as JSON.
     *
     * @param location the URL or path of the created resource
     * @param body the value to write as JSON; null for no body
     * @return the response
     * @throws NullPointerException if {@code location} is null
     */
    public static ApiGatewayV1ProxyResponse created(String location, Object body) {
        return of(HttpResponses.json(201, body)).withHeader("Location", Objects.requireNonNull(location, "location"));
    }

    /**
     * Returns {@code statusCode} without a body, e.g. {@code status(204)}.
     *
     * @param statusCode the HTTP status
     * @return the response
     * @throws IllegalArgumentException if the status is not in 100..599
     */
    public static ApiGatewayV1ProxyResponse status(int statusCode) {
        return of(HttpResponses.empty(statusCode));
    }

    /**
     * Returns {@code statusCode} with a binary body, which API Gateway decodes from base64.
     *
     * @param statusCode the HTTP status
     * @param body the bytes
     * @param contentType the {@code Content-Type}, e.g. {@code image/png}
     * @return the response, with {@code isBase64Encoded} true
     * @throws NullPointerException if {@code body} or {@code contentType} is null
     */
    public static ApiGatewayV1ProxyResponse binary(int statusCode, byte[] body, String contentType) {
        return of(HttpResponses.binary(statusCode, body, contentType));
    }

    /**
     * Returns the standard error response {@code {"error":{"code","message","requestId"}}}.
     *
     * @param statusCode a 4xx or 5xx status
     * @param code a stable, machine-readable code such as {@code VALIDATION_FAILED}
     * @param message a human-readable explanation
     * @param requestId the request id to quote to support, or null to leave it out
     * @return the response
     * @throws IllegalArgumentException if {@code statusCode} is not 4xx or 5xx
     * @throws NullPointerException if {@code code} or {@code message} is null
     */
    public static ApiGatewayV1ProxyResponse error(int statusCode, String code, String message, String requestId) {
        return of(HttpResponses.error(statusCode, code, message, requestId));
    }

    /**
     * Answers a CORS preflight {@code OPTIONS} request: 204 with the allow headers for an allowed origin, 403
     * without them otherwise.
     *
     * @param policy the CORS policy
     * @param origin the request's {@code Origin} header, possibly null
     * @return the response
     * @throws NullPointerException if {@code policy} is null
     */
    public static ApiGatewayV1ProxyResponse preflight(CorsPolicy policy, String origin) {
        return of(HttpResponses.preflight(policy, origin));
    }

    /**
     * Returns a copy with {@code name} set to {@code value}, replacing a header of that name in any letter case.
     *
     * @param name the header name
     * @param value the header value
     * @return the new response
     * @throws NullPointerException if {@code name} or {@code value} is null
     */
    public ApiGatewayV1ProxyResponse withHeader(String name, String value) {
        return new ApiGatewayV1ProxyResponse(statusCode, HttpResponses.withHeader(headers, name, value),
                multiValueHeaders,
                body, base64Encoded);
    }

    /**
     * Returns a copy with the CORS headers {@code policy} gives a request from {@code origin}: the origin
     * reflected when allowed, nothing but {@code Vary: Origin} otherwise.
     *
     * @param policy the CORS policy
     * @param origin the request's {@code Origin} header, possibly null
     * @return the new response
     * @throws NullPointerException if {@code policy} is null
     */
    public ApiGatewayV1ProxyResponse withCors(CorsPolicy policy, String origin) {
        return new ApiGatewayV1ProxyResponse(statusCode, HttpResponses.withCors(headers, policy, origin, false),
                multiValueHeaders, body, base64Encoded);
    }
}
