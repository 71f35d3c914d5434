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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request from a REST API proxy integration (payload format 1.0).
 *
 * <p>Required fields: {@code httpMethod}, {@code path}, {@code requestContext} with {@code requestId}. API Gateway
 * sends {@code null} for absent maps; they read as empty maps. Immutable and thread-safe.
 *
 * @param resource the resource path template, e.g. {@code /orders/{id}} (JSON {@code resource})
 * @param path the request path (JSON {@code path})
 * @param httpMethod the HTTP method (JSON {@code httpMethod})
 * @param headers the headers with their last value, names as sent; never null (JSON {@code headers})
 * @param multiValueHeaders every header value; never null (JSON {@code multiValueHeaders})
 * @param queryStringParameters query parameters with their last value; never null
 *     (JSON {@code queryStringParameters})
 * @param multiValueQueryStringParameters every query parameter value; never null
 *     (JSON {@code multiValueQueryStringParameters})
 * @param pathParameters path parameters; never null (JSON {@code pathParameters})
 * @param stageVariables stage variables; never null (JSON {@code stageVariables})
 * @param requestContext the request context (JSON {@code requestContext})
 * @param body the body, base64 when {@code base64Encoded}; null for none (JSON {@code body})
 * @param base64Encoded whether API Gateway base64-encoded the body (JSON {@code isBase64Encoded})
 */
public record ApiGatewayV1ProxyEvent(
        @JsonProperty("resource") String resource,
        @JsonProperty("path") String path,
        @JsonProperty("httpMethod") String httpMethod,
        @JsonProperty("headers") Map<String, String> headers,
        @JsonProperty("multiValueHeaders") Map<String, List<String>> multiValueHeaders,
        @JsonProperty("queryStringParameters") Map<String, String> queryStringParameters,
        @JsonProperty("multiValueQueryStringParameters") Map<String, List<String>> multiValueQueryStringParameters,
        @JsonProperty("pathParameters") Map<String, String> pathParameters,
        @JsonProperty("stageVariables") Map<String, String> stageVariables,
        @JsonProperty("requestContext") RequestContext requestContext,
        @JsonProperty("body") String body,
        @JsonProperty("isBase64Encoded") boolean base64Encoded) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if {@code httpMethod}, {@code path} or {@code requestContext} is null
     */
    public ApiGatewayV1ProxyEvent {
        Checks.required(httpMethod, "httpMethod");
        Checks.required(path, "path");
        Checks.required(requestContext, "requestContext");
        headers = Checks.map(headers, "headers");
        multiValueHeaders = multiValue(multiValueHeaders, "multiValueHeaders");
        queryStringParameters = Checks.map(queryStringParameters, "queryStringParameters");
        multiValueQueryStringParameters = multiValue(multiValueQueryStringParameters,
                "multiValueQueryStringParameters");
        pathParameters = Checks.map(pathParameters, "pathParameters");
        stageVariables = Checks.map(stageVariables, "stageVariables");
    }

    private static Map<String, List<String>> multiValue(Map<String, List<String>> map, String field) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Checks.map(map, field).forEach((name, values) -> copy.put(name, Checks.list(values, field + "." + name)));
        return Map.copyOf(copy);
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
     * @throws EventParseException if the body is absent or not JSON of that shape
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
     * The request context of a REST API request.
     *
     * <p>Immutable and thread-safe; {@link #authorizer()} returns a copy.
     *
     * @param accountId the API owner's account (JSON {@code accountId})
     * @param apiId the API id (JSON {@code apiId})
     * @param resourceId the resource id (JSON {@code resourceId})
     * @param resourcePath the resource path template (JSON {@code resourcePath})
     * @param httpMethod the HTTP method (JSON {@code httpMethod})
     * @param path the full path including the stage (JSON {@code path})
     * @param protocol the protocol, e.g. {@code HTTP/1.1} (JSON {@code protocol})
     * @param stage the stage (JSON {@code stage})
     * @param domainName the domain the request came to (JSON {@code domainName})
     * @param domainPrefix the first label of the domain (JSON {@code domainPrefix})
     * @param requestId the API Gateway request id; required (JSON {@code requestId})
     * @param extendedRequestId the extended request id (JSON {@code extendedRequestId})
     * @param requestTime when the request arrived, second precision (JSON {@code requestTime},
     *     {@code 04/Mar/2020:19:15:17 +0000})
     * @param requestTimeEpoch when the request arrived, millisecond precision (JSON {@code requestTimeEpoch})
     * @param identity the caller (JSON {@code identity})
     * @param authorizer what the authorizer passed on, e.g. {@code claims} or {@code principalId}, or null
     *     (JSON {@code authorizer})
     */
    public record RequestContext(
            @JsonProperty("accountId") String accountId,
            @JsonProperty("apiId") String apiId,
            @JsonProperty("resourceId") String resourceId,
            @JsonProperty("resourcePath") String resourcePath,
            @JsonProperty("httpMethod") String httpMethod,
            @JsonProperty("path") String path,
            @JsonProperty("protocol") String protocol,
            @JsonProperty("stage") String stage,
            @JsonProperty("domainName") String domainName,
            @JsonProperty("domainPrefix") String domainPrefix,
            @JsonProperty("requestId") String requestId,
            @JsonProperty("extendedRequestId") String extendedRequestId,
            @JsonProperty("requestTime")
            @JsonDeserialize(using = InstantCodecs.ApiGatewayTimeDeserializer.class)
            @JsonSerialize(using = InstantCodecs.ApiGatewayTimeSerializer.class)
            Instant requestTime,
            @JsonProperty("requestTimeEpoch")
            @JsonDeserialize(using = InstantCodecs.EpochMillisDeserializer.class)
            @JsonSerialize(using = InstantCodecs.EpochMillisSerializer.class)
            Instant requestTimeEpoch,
            @JsonProperty("identity") Identity identity,
            @JsonProperty("authorizer") JsonNode authorizer) {

        /**
         * Validates and copies the components.
         *
         * @throws NullPointerException if {@code requestId} is null
         */
        public RequestContext {
            Checks.required(requestId, "requestId");
            authorizer = authorizer == null || authorizer.isNull() ? null : authorizer.deepCopy();
        }

        /**
         * Returns a copy of what the authorizer passed on, e.g. {@code authorizer().at("/claims/sub")}.
         *
         * @return a copy of the tree, or null when no authorizer ran
         */
        @Override
        public JsonNode authorizer() {
            return authorizer == null ? null : authorizer.deepCopy();
        }
    }

    /**
     * The caller of a REST API request; fields are null when API Gateway does not know them.
     *
     * @param sourceIp the caller's address (JSON {@code sourceIp})
     * @param userAgent the caller's user agent (JSON {@code userAgent})
     * @param accountId the caller's account, for IAM auth (JSON {@code accountId})
     * @param caller the caller principal, for IAM auth (JSON {@code caller})
     * @param user the user principal, for IAM auth (JSON {@code user})
     * @param userArn the user ARN, for IAM auth (JSON {@code userArn})
     * @param apiKey the API key, when one was used (JSON {@code apiKey})
     * @param apiKeyId the API key id (JSON {@code apiKeyId})
     * @param accessKey the access key, for IAM auth (JSON {@code accessKey})
     * @param cognitoIdentityId the Cognito identity (JSON {@code cognitoIdentityId})
     * @param cognitoIdentityPoolId the Cognito identity pool (JSON {@code cognitoIdentityPoolId})
     * @param cognitoAuthenticationType the Cognito authentication type (JSON {@code cognitoAuthenticationType})
     * @param cognitoAuthenticationProvider the Cognito authentication provider
     *     (JSON {@code cognitoAuthenticationProvider})
     * @param principalOrgId the caller's organization (JSON {@code principalOrgId})
     */
    public record Identity(
            @JsonProperty("sourceIp") String sourceIp,
            @JsonProperty("userAgent") String userAgent,
            @JsonProperty("accountId") String accountId,
            @JsonProperty("caller") String caller,
            @JsonProperty("user") String user,
            @JsonProperty("userArn") String userArn,
            @JsonProperty("apiKey") String apiKey,
            @JsonProperty("apiKeyId") String apiKeyId,
            @JsonProperty("accessKey") String accessKey,
            @JsonProperty("cognitoIdentityId") String cognitoIdentityId,
            @JsonProperty("cognitoIdentityPoolId") String cognitoIdentityPoolId,
            @JsonProperty("cognitoAuthenticationType") String cognitoAuthenticationType,
            @JsonProperty("cognitoAuthenticationProvider") String cognitoAuthenticationProvider,
            @JsonProperty("principalOrgId") String principalOrgId) {
    }
}
