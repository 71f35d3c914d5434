/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.apigateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.serverless4j.events.EventParseException;
import io.serverless4j.events.internal.Checks;
import io.serverless4j.events.internal.HttpRequests;
import io.serverless4j.events.internal.HttpResponses;
import io.serverless4j.events.internal.InstantCodecs;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request from an HTTP API (payload format 2.0) or a Lambda function URL.
 *
 * <p>Required fields: {@code rawPath}, {@code requestContext} with {@code requestId} and {@code http.method}.
 * Immutable and thread-safe; {@link RequestContext#authorizer()} returns a copy.
 *
 * @param version the payload format version, {@code 2.0} (JSON {@code version})
 * @param routeKey the matched route, e.g. {@code POST /orders} or {@code $default} (JSON {@code routeKey})
 * @param rawPath the request path (JSON {@code rawPath})
 * @param rawQueryString the query string without {@code ?}, possibly empty (JSON {@code rawQueryString})
 * @param cookies the request cookies; never null (JSON {@code cookies})
 * @param headers the headers, names in lower case, repeated values joined with commas; never null
 *     (JSON {@code headers})
 * @param queryStringParameters query parameters, repeated values joined with commas; never null
 *     (JSON {@code queryStringParameters})
 * @param pathParameters route parameters; never null (JSON {@code pathParameters})
 * @param stageVariables stage variables; never null (JSON {@code stageVariables})
 * @param requestContext the request context (JSON {@code requestContext})
 * @param body the body, base64 when {@code base64Encoded}; null for none (JSON {@code body})
 * @param base64Encoded whether API Gateway base64-encoded the body (JSON {@code isBase64Encoded})
 */
public record ApiGatewayV2HttpEvent(
        @JsonProperty("version") String version,
        @JsonProperty("routeKey") String routeKey,
        @JsonProperty("rawPath") String rawPath,
        @JsonProperty("rawQueryString") String rawQueryString,
        @JsonProperty("cookies") List<String> cookies,
        @JsonProperty("headers") Map<String, String> headers,
        @JsonProperty("queryStringParameters") Map<String, String> queryStringParameters,
        @JsonProperty("pathParameters") Map<String, String> pathParameters,
        @JsonProperty("stageVariables") Map<String, String> stageVariables,
        @JsonProperty("requestContext") RequestContext requestContext,
        @JsonProperty("body") String body,
        @JsonProperty("isBase64Encoded") boolean base64Encoded) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if {@code rawPath} or {@code requestContext} is null
     */
    public ApiGatewayV2HttpEvent {
        Checks.required(rawPath, "rawPath");
        Checks.required(requestContext, "requestContext");
        cookies = Checks.list(cookies, "cookies");
        headers = Checks.map(headers, "headers");
        queryStringParameters = Checks.map(queryStringParameters, "queryStringParameters");
        pathParameters = Checks.map(pathParameters, "pathParameters");
        stageVariables = Checks.map(stageVariables, "stageVariables");
    }

    /**
     * Returns the HTTP method, a shortcut for {@code requestContext().http().method()}.
     *
     * @return the method, e.g. {@code POST}
     */
    public String method() {
        return requestContext.http().method();
    }

    /**
     * Returns a header by name in any letter case.
     *
     * @param name the header name
     * @return the value, or null when the request has no such header
     */
    public String header(String name) {
        return HttpResponses.header(headers, name);
    }

    /**
     * Returns the body as bytes: base64-decoded when {@code isBase64Encoded}, else UTF-8.
     *
     * @return a fresh array; empty when there is no body
     * @throws IllegalArgumentException if the body is flagged base64 but is not valid base64
     */
    public byte[] bodyBytes() {
        return HttpRequests.bodyBytes(body, base64Encoded);
    }

    /**
     * Parses the body as JSON into {@code type}, decoding base64 first when needed.
     *
     * @param type the target type
     * @param <T> the target type
     * @return the parsed body
     * @throws EventParseException if the body is absent or not JSON of that shape; the message names the
     *     request id and the JSON path
     */
    public <T> T body(Class<T> type) {
        return HttpRequests.body(body, base64Encoded, type, "request " + requestContext.requestId() + " body");
    }

    /**
     * Parses the body as JSON into a generic type, decoding base64 first when needed.
     *
     * @param type the target type
     * @param <T> the target type
     * @return the parsed body
     * @throws EventParseException if the body is absent or not JSON of that shape
     */
    public <T> T body(TypeReference<T> type) {
        return HttpRequests.body(body, base64Encoded, type, "request " + requestContext.requestId() + " body");
    }

    /**
     * The request context of an HTTP API request.
     *
     * <p>Immutable and thread-safe.
     *
     * @param accountId the API owner's account (JSON {@code accountId})
     * @param apiId the API id (JSON {@code apiId})
     * @param domainName the domain the request came to (JSON {@code domainName})
     * @param domainPrefix the first label of the domain (JSON {@code domainPrefix})
     * @param requestId the API Gateway request id; required (JSON {@code requestId})
     * @param routeKey the matched route (JSON {@code routeKey})
     * @param stage the stage, e.g. {@code $default} (JSON {@code stage})
     * @param time when the request arrived, second precision (JSON {@code time},
     *     {@code 12/Mar/2020:19:03:58 +0000})
     * @param timeEpoch when the request arrived, millisecond precision (JSON {@code timeEpoch}, epoch millis)
     * @param http the method, path and caller (JSON {@code http})
     * @param authorizer what the authorizer returned ({@code jwt}, {@code lambda} or {@code iam}), or null
     *     (JSON {@code authorizer})
     * @param authentication mutual TLS details, or null (JSON {@code authentication})
     */
    public record RequestContext(
            @JsonProperty("accountId") String accountId,
            @JsonProperty("apiId") String apiId,
            @JsonProperty("domainName") String domainName,
            @JsonProperty("domainPrefix") String domainPrefix,
            @JsonProperty("requestId") String requestId,
            @JsonProperty("routeKey") String routeKey,
            @JsonProperty("stage") String stage,
            @JsonProperty("time")
            @JsonDeserialize(using = InstantCodecs.ApiGatewayTimeDeserializer.class)
            @JsonSerialize(using = InstantCodecs.ApiGatewayTimeSerializer.class)
            Instant time,
            @JsonProperty("timeEpoch")
            @JsonDeserialize(using = InstantCodecs.EpochMillisDeserializer.class)
            @JsonSerialize(using = InstantCodecs.EpochMillisSerializer.class)
            Instant timeEpoch,
            @JsonProperty("http") Http http,
            @JsonProperty("authorizer") JsonNode authorizer,
            @JsonProperty("authentication") JsonNode authentication) {

        /**
         * Validates and copies the components.
         *
         * @throws NullPointerException if {@code requestId} or {@code http} is null
         */
        public RequestContext {
            Checks.required(requestId, "requestId");
            Checks.required(http, "http");
            authorizer = authorizer == null || authorizer.isNull() ? null : authorizer.deepCopy();
            authentication = authentication == null || authentication.isNull() ? null : authentication.deepCopy();
        }

        /**
         * Returns a copy of what the authorizer passed on, e.g. {@code authorizer().at("/jwt/claims/sub")}.
         *
         * @return a copy of the tree, or null when no authorizer ran
         */
        @Override
        public JsonNode authorizer() {
            return authorizer == null ? null : authorizer.deepCopy();
        }

        /**
         * Returns a copy of the mutual TLS details.
         *
         * @return a copy of the tree, or null without mutual TLS
         */
        @Override
        public JsonNode authentication() {
            return authentication == null ? null : authentication.deepCopy();
        }
    }

    /**
     * The HTTP details of a request.
     *
     * @param method the HTTP method; required (JSON {@code method})
     * @param path the path (JSON {@code path})
     * @param protocol the protocol, e.g. {@code HTTP/1.1} (JSON {@code protocol})
     * @param sourceIp the caller's address (JSON {@code sourceIp})
     * @param userAgent the caller's user agent (JSON {@code userAgent})
     */
    public record Http(
            @JsonProperty("method") String method,
            @JsonProperty("path") String path,
            @JsonProperty("protocol") String protocol,
            @JsonProperty("sourceIp") String sourceIp,
            @JsonProperty("userAgent") String userAgent) {

        /**
         * Validates the components.
         *
         * @throws NullPointerException if {@code method} is null
         */
        public Http {
            Checks.required(method, "method");
        }
    }
}
