/*
 * Copyright 2026 The serverless4j authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.serverless4j.events.apigateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which cross-origin browser requests an API allows, applied to responses with
 * {@code response.withCors(policy, requestOrigin)} and answered for preflight requests with
 * {@code ApiGatewayV2HttpResponse.preflight(policy, requestOrigin)}.
 *
 * <p>An allowed request {@code Origin} is reflected in {@code Access-Control-Allow-Origin} (with
 * {@code Vary: Origin}); {@code *} is sent only for a policy that allows any origin without credentials.
 * Build once, keep in a {@code static final} field: instances are immutable and thread-safe.
 *
 * <pre>{@code
 * static final CorsPolicy CORS = CorsPolicy.builder()
 *         .allowedOrigins("https://app.example.com")
 *         .allowedMethods("GET", "POST")
 *         .allowedHeaders("content-type", "idempotency-key")
 *         .maxAge(Duration.ofMinutes(10))
 *         .build();
 * }</pre>
 *
 * @param allowedOrigins origins such as {@code https://app.example.com}, or {@code *} for any
 * @param allowedMethods methods allowed cross-origin, upper case
 * @param allowedHeaders request headers allowed cross-origin, lower case
 * @param maxAge how long browsers may cache a preflight answer, or null to let them decide
 * @param allowCredentials whether cookies and credentials may be sent
 */
public record CorsPolicy(
        List<String> allowedOrigins,
        List<String> allowedMethods,
        List<String> allowedHeaders,
        Duration maxAge,
        boolean allowCredentials) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a list or element is null
     * @throws IllegalArgumentException if no origin is allowed, the max age is negative, or credentials are
     *     allowed together with the {@code *} origin (browsers reject that combination)
     */
    public CorsPolicy {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedMethods = List.copyOf(allowedMethods);
        allowedHeaders = List.copyOf(allowedHeaders);
        if (allowedOrigins.isEmpty()) {
            throw new IllegalArgumentException("a CORS policy needs at least one allowed origin");
        }
        if (maxAge != null && maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
        }
        if (allowCredentials && allowedOrigins.contains("*")) {
            throw new IllegalArgumentException(
                    "allowCredentials cannot be combined with the * origin; list the allowed origins instead");
        }
    }

    /**
     * Starts a policy with methods {@code GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS}, headers
     * {@code content-type, authorization}, no origin, no max age and no credentials.
     *
     * @return a new builder; not thread-safe
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding this policy's settings.
     *
     * @return a new builder; not thread-safe
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.origins.clear();
        builder.origins.addAll(allowedOrigins);
        builder.methods.clear();
        builder.methods.addAll(allowedMethods);
        builder.headers.clear();
        builder.headers.addAll(allowedHeaders);
        builder.maxAge = maxAge;
        builder.allowCredentials = allowCredentials;
        return builder;
    }

    /**
     * Tells whether a request from {@code origin} is allowed.
     *
     * @param origin the request's {@code Origin} header, possibly null
     * @return true when {@code origin} is non-null and allowed
     */
    public boolean allowsOrigin(String origin) {
        return origin != null && (allowedOrigins.contains("*") || allowedOrigins.contains(origin));
    }

    /**
     * Builds a {@link CorsPolicy}. Setters validate at once; {@link #build()} checks the combination. Not
     * thread-safe; the built policy is.
     */
    public static final class Builder {
        private final Set<String> origins = new LinkedHashSet<>();
        private final Set<String> methods = new LinkedHashSet<>(
                List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        private final Set<String> headers = new LinkedHashSet<>(List.of("content-type", "authorization"));
        private Duration maxAge;
        private boolean allowCredentials;

        private Builder() {
        }

        /**
         * Replaces the allowed origins.
         *
         * @param origins origins such as {@code https://app.example.com}, or {@code *}
         * @return this builder
         * @throws NullPointerException if an origin is null
         * @throws IllegalArgumentException if an origin is blank or ends with {@code /}
         */
        public Builder allowedOrigins(String... origins) {
            List<String> checked = new ArrayList<>();
            for (String origin : origins) {
                Objects.requireNonNull(origin, "origin");
                if (origin.isBlank() || origin.endsWith("/")) {
                    throw new IllegalArgumentException("an origin is scheme://host[:port] without a trailing /: '"
                            + origin + "'");
                }
                checked.add(origin);
            }
            this.origins.clear();
            this.origins.addAll(checked);
            return this;
        }

        /**
         * Replaces the allowed methods.
         *
         * @param methods HTTP methods; stored upper case
         * @return this builder
         * @throws NullPointerException if a method is null
         */
        public Builder allowedMethods(String... methods) {
            this.methods.clear();
            for (String method : methods) {
                this.methods.add(Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT));
            }
            return this;
        }

        /**
         * Replaces the allowed request headers.
         *
         * @param headers header names; stored lower case
         * @return this builder
         * @throws NullPointerException if a header is null
         */
        public Builder allowedHeaders(String... headers) {
            this.headers.clear();
            for (String header : headers) {
                this.headers.add(Objects.requireNonNull(header, "header").toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /**
         * Sets how long browsers may cache a preflight answer.
         *
         * @param maxAge the duration, whole seconds are sent
         * @return this builder
         * @throws IllegalArgumentException if {@code maxAge} is negative
         */
        public Builder maxAge(Duration maxAge) {
            if (maxAge != null && maxAge.isNegative()) {
                throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
            }
            this.maxAge = maxAge;
            return this;
        }

        /**
         * Sets whether browsers may send cookies and credentials.
         *
         * @param allowCredentials true to send {@code Access-Control-Allow-Credentials: true}
         * @return this builder
         */
        public Builder allowCredentials(boolean allowCredentials) {
            this.allowCredentials = allowCredentials;
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the immutable policy
         * @throws IllegalStateException if no origin is allowed, or credentials are allowed with {@code *}
         */
        public CorsPolicy build() {
            try {
                return new CorsPolicy(List.copyOf(origins), List.copyOf(methods), List.copyOf(headers), maxAge,
                        allowCredentials);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
