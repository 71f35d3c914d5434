/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.testing.events;

import io.serverless4j.events.Events;
import io.serverless4j.events.apigateway.ApiGatewayV1ProxyEvent;
import io.serverless4j.events.apigateway.ApiGatewayV2HttpEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Builds API Gateway requests: {@code httpApi("POST", "/orders")} for HTTP APIs (payload 2.0, also function URLs)
 * and {@code restApi("GET", "/orders/o-1")} for REST APIs (payload 1.0).
 *
 * <pre>{@code
 * ApiGatewayV2HttpEvent request = ApiGatewayEvents.httpApi("POST", "/orders")
 *         .header("Idempotency-Key", "k-1")
 *         .jsonBody(new Order("o-1", 2))
 *         .build();
 * }</pre>
 *
 * <p>The factory methods are thread-safe; a builder is not.
 */
public final class ApiGatewayEvents {

    private ApiGatewayEvents() {
    }

    /**
     * Starts an HTTP API (v2) request.
     *
     * @param method the HTTP method
     * @param path the raw path, e.g. {@code /orders}
     * @return a new builder
     * @throws NullPointerException if an argument is null
     */
    public static HttpApiRequest httpApi(String method, String path) {
        return new HttpApiRequest(method, path);
    }

    /**
     * Starts a REST API (v1) proxy request.
     *
     * @param method the HTTP method
     * @param path the request path, e.g. {@code /orders/o-1}
     * @return a new builder
     * @throws NullPointerException if an argument is null
     */
    public static RestApiRequest restApi(String method, String path) {
        return new RestApiRequest(method, path);
    }

    /** What both builders collect. Not thread-safe. */
    abstract static class Request<B extends Request<B>> {
        final String method;
        final String path;
        final Map<String, String> headers = new LinkedHashMap<>();
        final Map<String, String> query = new LinkedHashMap<>();
        final Map<String, String> pathParameters = new LinkedHashMap<>();
        String body;
        boolean base64Encoded;
        final String requestId = TestIds.uuid();

        Request(String method, String path) {
            this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
            this.path = Objects.requireNonNull(path, "path");
        }

        abstract B self();

        /**
         * Adds a header.
         *
         * @param name the header name
         * @param value the header value
         * @return this builder
         */
        public B header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return self();
        }

        /**
         * Adds a query string parameter.
         *
         * @param name the parameter name
         * @param value the parameter value
         * @return this builder
         */
        public B query(String name, String value) {
            query.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return self();
        }

        /**
         * Adds a path parameter of the matched route.
         *
         * @param name the parameter name
         * @param value the parameter value
         * @return this builder
         */
        public B pathParameter(String name, String value) {
            pathParameters.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return self();
        }

        /**
         * Sets a text body.
         *
         * @param text the body
         * @return this builder
         */
        public B body(String text) {
            this.body = Objects.requireNonNull(text, "text");
            this.base64Encoded = false;
            return self();
        }

        /**
         * Sets {@code value} written as JSON as the body, with {@code content-type: application/json}.
         *
         * @param value the value to write
         * @return this builder
         */
        public B jsonBody(Object value) {
            header(contentTypeHeader(), "application/json");
            return body(Events.write(value));
        }

        /**
         * Sets a binary body, base64-encoded as API Gateway sends it.
         *
         * @param bytes the body
         * @param contentType its content type
         * @return this builder
         */
        public B binaryBody(byte[] bytes, String contentType) {
            header(contentTypeHeader(), contentType);
            this.body = Base64.getEncoder().encodeToString(bytes);
            this.base64Encoded = true;
            return self();
        }

        abstract String contentTypeHeader();

        String queryString() {
            return query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("&"));
        }
    }

    /** Builds an {@link ApiGatewayV2HttpEvent}. Header names are lower-cased, as HTTP APIs send them. */
    public static final class HttpApiRequest extends Request<HttpApiRequest> {
        private final List<String> cookies = new ArrayList<>();

        private HttpApiRequest(String method, String path) {
            super(method, path);
            header("host", "api-id.execute-api." + TestIds.REGION + ".amazonaws.com");
            header("user-agent", "serverless4j-test");
        }

        @Override
        HttpApiRequest self() {
            return this;
        }

        @Override
        String contentTypeHeader() {
            return "content-type";
        }

        /**
         * Adds a header; the name is lower-cased.
         *
         * @param name the header name
         * @param value the header value
         * @return this builder
         */
        @Override
        public HttpApiRequest header(String name, String value) {
            return super.header(Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT), value);
        }

        /**
         * Adds a cookie, e.g. {@code session=abc}.
         *
         * @param cookie the cookie
         * @return this builder
         */
        public HttpApiRequest cookie(String cookie) {
            cookies.add(Objects.requireNonNull(cookie, "cookie"));
            return this;
        }

        /**
         * Builds the request, as if it arrived now.
         *
         * @return the event
         */
        public ApiGatewayV2HttpEvent build() {
            Instant now = Instant.now();
            String routeKey = method + " " + path;
            ApiGatewayV2HttpEvent.RequestContext context = new ApiGatewayV2HttpEvent.RequestContext(TestIds.ACCOUNT,
                    "api-id", "api-id.execute-api." + TestIds.REGION + ".amazonaws.com", "api-id", requestId, routeKey,
                    "$default", now.truncatedTo(ChronoUnit.SECONDS), now.truncatedTo(ChronoUnit.MILLIS),
                    new ApiGatewayV2HttpEvent.Http(method, path, "HTTP/1.1", "192.0.2.1", "serverless4j-test"), null,
                    null);
            return new ApiGatewayV2HttpEvent("2.0", routeKey, path, queryString(), cookies, headers, query,
                    pathParameters, null, context, body, base64Encoded);
        }
    }

    /** Builds an {@link ApiGatewayV1ProxyEvent}, with single- and multi-value maps kept in step. */
    public static final class RestApiRequest extends Request<RestApiRequest> {

        private RestApiRequest(String method, String path) {
            super(method, path);
            header("Host", "api-id.execute-api." + TestIds.REGION + ".amazonaws.com");
            header("User-Agent", "serverless4j-test");
        }

        @Override
        RestApiRequest self() {
            return this;
        }

        @Override
        String contentTypeHeader() {
            return "Content-Type";
        }

        /**
         * Builds the request, as if it arrived now on stage {@code prod}.
         *
         * @return the event
         */
        public ApiGatewayV1ProxyEvent build() {
            Instant now = Instant.now();
            ApiGatewayV1ProxyEvent.RequestContext context = new ApiGatewayV1ProxyEvent.RequestContext(
                    TestIds.ACCOUNT, "api-id", "res-id", path, method, "/prod" + path, "HTTP/1.1", "prod",
                    "api-id.execute-api." + TestIds.REGION + ".amazonaws.com", "api-id", requestId, requestId,
                    now.truncatedTo(ChronoUnit.SECONDS), now.truncatedTo(ChronoUnit.MILLIS),
                    new ApiGatewayV1ProxyEvent.Identity("192.0.2.1", "serverless4j-test", null, null, null, null, null,
                            null, null, null, null, null, null, null), null);
            return new ApiGatewayV1ProxyEvent(path, path, method, headers, multi(headers), query, multi(query),
                    pathParameters, null, context, body, base64Encoded);
        }

        private static Map<String, List<String>> multi(Map<String, String> single) {
            Map<String, List<String>> multi = new LinkedHashMap<>();
            single.forEach((name, value) -> multi.put(name, List.of(value)));
            return multi;
        }
    }
}
