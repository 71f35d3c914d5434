/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.apigateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.serverless4j.events.internal.Checks;
import io.serverless4j.events.internal.HttpResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The response of a Lambda behind an HTTP API (payload format 2.0) or a function URL.
 *
 * <p>Build it with the factories, which write JSON bodies with the library's mapper, and refine it with the
 * {@code with*} methods, which return new instances:
 * <pre>{@code
 * return ApiGatewayV2HttpResponse.created("/orders/" + order.id(), order).withCors(CORS, request.header("origin"));
 * }</pre>
 * Immutable and thread-safe.
 *
 * @param statusCode the HTTP status, 100..599 (JSON {@code statusCode})
 * @param headers response headers; never null (JSON {@code headers})
 * @param cookies {@code Set-Cookie} values; never null (JSON {@code cookies})
 * @param body the body, base64 when {@code base64Encoded}; null for none (JSON {@code body})
 * @param base64Encoded whether {@code body} is base64 of binary content (JSON {@code isBase64Encoded})
 */
public record ApiGatewayV2HttpResponse(
        @JsonProperty("statusCode") int statusCode,
        @JsonProperty("headers") Map<String, String> headers,
        @JsonProperty("cookies") List<String> cookies,
        @JsonProperty("body") String body,
        @JsonProperty("isBase64Encoded") boolean base64Encoded) {

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if {@code statusCode} is not in 100..599, or a header or cookie is null
     */
    public ApiGatewayV2HttpResponse {
        HttpResponses.checkStatus(statusCode);
        headers = Checks.map(headers, "headers");
        cookies = Checks.list(cookies, "cookies");
    }

    private static ApiGatewayV2HttpResponse of(HttpResponses.Parts parts) {
        return new ApiGatewayV2HttpResponse(parts.statusCode(), parts.headers(), List.of(), parts.body(),
                parts.base64Encoded());
    }

    /**
     * Returns 200 with {@code body} as JSON.
     *
     * @param body the value to write as JSON; null for no body
     * @return the response
     * @throws IllegalArgumentException if {@code body} cannot be written as JSON
     */
    public static ApiGatewayV2HttpResponse ok(Object body) {
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
    public static ApiGatewayV2HttpResponse json(int statusCode, Object body) {
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
    public static ApiGatewayV2HttpResponse created(String location, Object body) {
        return of(HttpResponses.json(201, body)).withHeader("Location", Objects.requireNonNull(location, "location"));
    }

    /**
     * Returns {@code statusCode} without a body, e.g. {@code status(204)}.
     *
     * @param statusCode the HTTP status
     * @return the response
     * @throws IllegalArgumentException if the status is not in 100..599
     */
    public static ApiGatewayV2HttpResponse status(int statusCode) {
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
    public static ApiGatewayV2HttpResponse binary(int statusCode, byte[] body, String contentType) {
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
    public static ApiGatewayV2HttpResponse error(int statusCode, String code, String message, String requestId) {
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
    public static ApiGatewayV2HttpResponse preflight(CorsPolicy policy, String origin) {
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
    public ApiGatewayV2HttpResponse withHeader(String name, String value) {
        return new ApiGatewayV2HttpResponse(statusCode, HttpResponses.withHeader(headers, name, value), cookies,
                body, base64Encoded);
    }

    /**
     * Returns a copy with one more {@code Set-Cookie} value.
     *
     * @param cookie the cookie, e.g. {@code session=abc; Secure; HttpOnly}
     * @return the new response
     * @throws NullPointerException if {@code cookie} is null
     */
    public ApiGatewayV2HttpResponse withCookie(String cookie) {
        List<String> more = new ArrayList<>(cookies);
        more.add(Objects.requireNonNull(cookie, "cookie"));
        return new ApiGatewayV2HttpResponse(statusCode, headers, more, body, base64Encoded);
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
    public ApiGatewayV2HttpResponse withCors(CorsPolicy policy, String origin) {
        return new ApiGatewayV2HttpResponse(statusCode, HttpResponses.withCors(headers, policy, origin, false),
                cookies, body, base64Encoded);
    }
}
